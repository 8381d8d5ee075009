package io.keyframe.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** The process answers; reports uptime and heap so an operator sees it at a glance. */
@Liveness
@ApplicationScoped
public class ProcessLivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        return HealthCheckResponse.named("process").up()
                .withData("uptime_ms", ManagementFactory.getRuntimeMXBean().getUptime())
                .withData("heap_used_bytes", runtime.totalMemory() - runtime.freeMemory())
                .withData("heap_max_bytes", runtime.maxMemory())
                .build();
    }
}
