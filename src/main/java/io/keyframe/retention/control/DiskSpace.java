package io.keyframe.retention.control;

/** The filesystem holding the recording root. */
public record DiskSpace(long totalBytes, long usedBytes) {

    public DiskSpace {
        if (totalBytes <= 0) {
            throw new IllegalArgumentException("totalBytes must be positive, got " + totalBytes);
        }
        if (usedBytes < 0 || usedBytes > totalBytes) {
            throw new IllegalArgumentException("usedBytes must be from 0 to totalBytes, got " + usedBytes);
        }
    }

    public double usedPercent() {
        return usedBytes * 100.0 / totalBytes;
    }
}
