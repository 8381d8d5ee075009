package io.keyframe.retention.control;

import java.util.List;

/**
 * What a run should delete and why, oldest first, plus the run's verdict.
 *
 * @param bytesToFree       what the disk rule wanted freed to get down to its target; 0 when it did
 *                          not trigger, and for a manual prune
 * @param diskTargetReached false only when the disk rule triggered and the deletable footage was not enough
 * @param safetyStop        the age deletions were withheld because they would free too large a share
 * @param safetyMessage     why, for people; {@code null} without a safety stop
 */
public record RetentionPlan(List<Deletion> deletions, long bytesToFree, boolean diskTargetReached,
                            boolean safetyStop, String safetyMessage) {

    public RetentionPlan {
        deletions = List.copyOf(deletions);
    }

    public int count() {
        return deletions.size();
    }

    /** The bytes these deletions free. */
    public long freedBytes() {
        return deletions.stream().mapToLong(d -> d.segment().sizeBytes()).sum();
    }

    /** The deletions with this reason, oldest first. */
    public List<Deletion> byReason(DeletionReason reason) {
        return deletions.stream().filter(d -> d.reason() == reason).toList();
    }

    /** The ids of the segments to delete, oldest first. */
    public List<Long> ids() {
        return deletions.stream().map(d -> d.segment().id()).toList();
    }
}
