package io.keyframe.health;

import io.keyframe.retention.control.RetentionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the retention safety stop holds: a run wanted to delete more footage by age than
 * {@code storage.cleanup.safety_max_share_percent} allows, most likely a wrong setting. Recording
 * goes on; the operator checks the settings and either fixes them or confirms with
 * {@code POST /cleanup/run?override_safety_stop=true}. The alert clears when a run goes through.
 */
@Readiness
@ApplicationScoped
public class RetentionReadinessCheck implements HealthCheck {

    @Inject
    RetentionService retention;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("retention");
        retention.lastRun().ifPresent(run -> response.withData("last_run", run.finished().toString()));
        return retention.alert()
                .map(message -> response.down().withData("reason", "safety stop: " + message).build())
                .orElseGet(() -> response.up().build());
    }
}
