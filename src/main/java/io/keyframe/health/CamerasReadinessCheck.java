package io.keyframe.health;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.recording.control.SessionStatus;
import io.keyframe.recording.control.StreamHealth;
import io.keyframe.recording.control.StreamManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Which streams that should record do not, each with its reason (data {@code camera/stream}). The
 * check stays UP: one broken camera must not take the whole server out of service (a load
 * balancer or Kubernetes would stop routing to it, and every other camera's playback with it).
 * Alert on {@code unhealthy_streams} here, on {@code GET /status/recording} or on the metrics.
 */
@Readiness
@ApplicationScoped
public class CamerasReadinessCheck implements HealthCheck {

    @Inject
    CameraStore cameras;

    @Inject
    StreamManager manager;

    @Inject
    KeyframeSettings settings;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("cameras");
        Instant now = clock.instant();
        int streams = 0;
        int unhealthy = 0;
        try {
            for (Camera camera : cameras.all()) {
                for (SessionStatus status : manager.statuses(camera.id())) {
                    streams++;
                    Optional<String> problem = StreamHealth.problem(status,
                            manager.wanted(status.cameraId(), status.streamId()), settings.segmentDuration(), now);
                    if (problem.isPresent()) {
                        unhealthy++;
                        response.withData(status.cameraId().value() + "/" + status.streamId().value(), problem.get());
                    }
                }
            }
        } catch (RuntimeException e) {
            // the database check reports an unreachable database; this one has nothing to add then
            return response.up().withData("reason", "cameras unknown: " + e.getMessage()).build();
        }
        return response.up().withData("streams", streams).withData("unhealthy_streams", unhealthy).build();
    }
}
