package io.keyframe.retention.control;

import java.time.Instant;
import java.util.Objects;

/**
 * One segment the policy may consider.
 *
 * @param eventType {@code null} is the default type, {@value RetentionRules#CONTINUOUS}
 * @param legalHold kept whatever any rule says
 * @param inUse     being written, or being exported or served right now
 */
public record RetentionCandidate(long id, String cameraId, String streamId, String eventType,
                                 Instant start, Instant end, long sizeBytes, boolean legalHold, boolean inUse) {

    public RetentionCandidate {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative, got " + sizeBytes);
        }
    }

    /** Whether no rule may select it now: held, in use, or not finished yet (or the clock is behind). */
    public boolean protectedAt(Instant now) {
        return legalHold || inUse || end.isAfter(now);
    }
}
