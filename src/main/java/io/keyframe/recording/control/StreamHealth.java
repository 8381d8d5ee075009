package io.keyframe.recording.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a stream that should record does: a pure function of its status, whether it is wanted
 * on, the segment length and an instant. A stream wanted on is unhealthy when it has failed, when
 * it has not been recording for more than two segment lengths, or when it records but no segment
 * has closed for two segment lengths. A stream nobody wants on is healthy by definition.
 */
public final class StreamHealth {

    private StreamHealth() {
    }

    /** The reason a stream is unhealthy, or empty when it is fine. */
    public static Optional<String> problem(SessionStatus status, boolean wanted, Duration segmentLength, Instant now) {
        if (!wanted) {
            return Optional.empty();
        }
        Duration grace = segmentLength.multipliedBy(2);
        String error = status.lastError() == null ? "" : ": " + status.lastError();
        return switch (status.state()) {
            case FAILED -> Optional.of("failed since " + status.since() + error);
            case STOPPED -> Optional.of("should record but is stopped");
            case CONNECTING, RECONNECTING -> Duration.between(status.since(), now).compareTo(grace) > 0
                    ? Optional.of("not recording for " + Duration.between(status.since(), now).toSeconds() + " s" + error)
                    : Optional.empty();
            case RECORDING -> {
                Instant reference = status.lastSegmentAt() == null || status.lastSegmentAt().isBefore(status.since())
                        ? status.since() : status.lastSegmentAt();
                Duration quiet = Duration.between(reference, now);
                yield quiet.compareTo(grace) > 0
                        ? Optional.of("no segment for " + quiet.toSeconds() + " s (segments are " + segmentLength.toSeconds() + " s)")
                        : Optional.empty();
            }
            default -> Optional.empty();
        };
    }
}
