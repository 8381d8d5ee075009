package io.keyframe.health;

import io.keyframe.recording.control.StreamManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when the StreamManager's supervision has stopped: its heartbeat runs every 10 s on the
 * scheduler that also runs every session's watchdog and reconnect timers, so a heartbeat older than
 * a minute means no stream would be reconnected either; a restart is the remedy. UP before
 * start-up recovery has finished (the database may still be away: readiness says so).
 */
@Liveness
@ApplicationScoped
public class SupervisionLivenessCheck implements HealthCheck {

    static final Duration STALE = Duration.ofSeconds(60);

    @Inject
    StreamManager manager;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("supervision");
        Instant now = clock.instant();
        return manager.lastHeartbeat().map(beat -> {
            Duration age = Duration.between(beat, now);
            response.withData("last_heartbeat", beat.toString());
            return age.compareTo(STALE) > 0
                    ? response.down().withData("reason", "no supervision heartbeat for " + age.toSeconds() + " s").build()
                    : response.up().build();
        }).orElseGet(() -> response.up().withData("reason", "start-up recovery not finished").build());
    }
}
