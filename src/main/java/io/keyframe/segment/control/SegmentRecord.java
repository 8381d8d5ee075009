package io.keyframe.segment.control;

import java.time.Instant;

/** A verified file about to become a {@code segment} row. {@code filePath} is relative to the root. */
public record SegmentRecord(String cameraId, String streamId, Instant startTime, long durationMs, String filePath,
                            long sizeBytes, String eventType, String videoCodec, int width, int height,
                            boolean hasAudio) {

    public Instant endTime() {
        return startTime.plusMillis(durationMs);
    }
}
