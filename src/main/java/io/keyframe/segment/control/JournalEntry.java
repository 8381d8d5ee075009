package io.keyframe.segment.control;

import java.time.Instant;

/**
 * A file the recorder opened and whose row is not written yet.
 *
 * @param file       relative to the recording root
 * @param closed     the muxer finalised it (or the recorder was torn down): it can be verified now
 * @param durationMs the recorder's duration, or -1 when unknown (then the file's own is used)
 * @param eventType  the footage's event type
 */
public record JournalEntry(String cameraId, String streamId, String file, Instant start, boolean closed,
                           long durationMs, String eventType) {

    public JournalEntry closedWith(long duration) {
        return new JournalEntry(cameraId, streamId, file, start, true, duration, eventType);
    }
}
