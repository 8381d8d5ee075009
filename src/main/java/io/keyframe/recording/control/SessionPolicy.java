package io.keyframe.recording.control;

import java.time.Duration;

/**
 * Timing rules of a {@link RecordingSession}.
 *
 * @param stallTimeout   no bytes written for this long while recording counts as a failure
 * @param connectTimeout no file opened for this long after connecting counts as a failure
 * @param backoffMin     delay after the first failure
 * @param backoffMax     the longest delay between attempts
 * @param failAfter      consecutive failed attempts before the state shows FAILED
 * @param probeInterval  how often an unreachable camera is probed
 * @param stopTimeout    how long a stop waits for the last file to be finalised
 */
public record SessionPolicy(Duration stallTimeout, Duration connectTimeout, Duration backoffMin, Duration backoffMax,
                            int failAfter, Duration probeInterval, Duration stopTimeout) {

    public static SessionPolicy defaults(Duration stallTimeout) {
        return new SessionPolicy(stallTimeout, stallTimeout.multipliedBy(2), Duration.ofSeconds(1),
                Duration.ofSeconds(30), 5, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** Exponential backoff, doubling from {@code backoffMin} to {@code backoffMax}, jittered by up to -20 %. */
    public Duration backoff(int attempt, double random) {
        double base = backoffMin.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(base, backoffMax.toMillis());
        return Duration.ofMillis((long) (capped * (0.8 + 0.2 * random)));
    }
}
