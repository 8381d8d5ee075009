package io.keyframe.health;

import io.keyframe.platform.config.InvalidConfigurationException;
import io.keyframe.platform.config.KeyframeSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN when the filesystem of the recording root is above {@code storage.critical_disk_usage_percent}
 * (default 95): retention should keep it under {@code max_disk_usage_percent}, so this means it
 * cannot (held footage, foreign files) and recordings are about to fail.
 */
@Readiness
@ApplicationScoped
public class DiskReadinessCheck implements HealthCheck {

    public static final String CRITICAL = "storage.critical_disk_usage_percent";

    @Inject
    KeyframeSettings settings;

    @Inject
    @ConfigProperty(name = CRITICAL, defaultValue = "95")
    int criticalPercent;

    @PostConstruct
    void validate() {
        if (criticalPercent < 1 || criticalPercent > 100) {
            throw new InvalidConfigurationException(CRITICAL, "must be a whole number from 1 to 100, got " + criticalPercent);
        }
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("disk").withData("critical_percent", criticalPercent);
        try {
            FileStore store = Files.getFileStore(settings.recordingRoot());
            long total = store.getTotalSpace();
            double used = total == 0 ? 0 : 100.0 * (total - store.getUnallocatedSpace()) / total;
            response.withData("used_percent", String.format("%.1f", used)).withData("total_bytes", total);
            return used > criticalPercent
                    ? response.down().withData("reason", String.format("the recording disk is %.1f %% full", used)).build()
                    : response.up().build();
        } catch (IOException e) {
            return response.down().withData("reason", "cannot read the recording disk: " + e.getMessage()).build();
        }
    }
}
