package io.keyframe.health;

import io.keyframe.platform.config.KeyframeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the recording root exists (or can be created) and a file can be written in it. */
@Readiness
@ApplicationScoped
public class RecordingRootReadinessCheck implements HealthCheck {

    @Inject
    KeyframeSettings settings;

    @Override
    public HealthCheckResponse call() {
        Path root = settings.recordingRoot();
        var response = HealthCheckResponse.named("recording-root").withData("path", root.toString());
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".keyframe-probe-", ".tmp");
            Files.delete(probe);
            long usable = Files.getFileStore(root).getUsableSpace();
            return response.up().withData("usable_bytes", usable).build();
        } catch (IOException | SecurityException e) {
            return response.down().withData("reason", "recording root not writable: " + e.getMessage()).build();
        }
    }
}
