package io.keyframe.retention.control;

import java.util.Objects;

/** A segment a run should delete, and why. */
public record Deletion(RetentionCandidate segment, DeletionReason reason) {

    public Deletion {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(reason, "reason");
    }
}
