package io.keyframe.event.entity;

import java.time.Duration;
import java.time.Instant;

/**
 * A motion, alarm, manual or other event on a camera (or one stream of it). The footage kept for
 * it covers {@code [start − preRoll, end + postRoll]}; an open event ({@code end} null) keeps
 * footage until it ends.
 *
 * @param streamId null when the event is for every stream of the camera
 * @param origin   {@code api}, {@code mqtt} or {@code ui}
 */
public record RecordingEvent(long id, String cameraId, String streamId, String eventType, String source,
                             Instant start, Instant end, Duration preRoll, Duration postRoll, String origin) {

    /** Whether the event still runs at {@code now}. */
    public boolean activeAt(Instant now) {
        return !start.isAfter(now) && (end == null || end.isAfter(now));
    }

    /** The start of the footage it keeps. */
    public Instant keepFrom() {
        return start.minus(preRoll);
    }

    /** The end of the footage it keeps, or null while open. */
    public Instant keepUntil() {
        return end == null ? null : end.plus(postRoll);
    }
}
