package io.keyframe.ui;

import io.keyframe.event.entity.RecordingEvent;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One recording event as the Events page lists it: times in the server's time zone, the segment
 * whose thumbnail stands for it and the link that plays its footage on the Recordings page.
 *
 * @param stream    the event's stream, or the camera's primary stream for an event of all streams
 * @param segmentId the segment covering the event's start (or the first one of its window), or null
 */
public record EventRow(long id, String camera, String eventStream, String stream, String type, String source,
                       String origin, Instant start, Instant end, Instant keepFrom, boolean active, Long segmentId)
        implements Serializable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm:ss", Locale.ENGLISH);

    static EventRow of(RecordingEvent e, String stream, Long segmentId, Instant now) {
        return new EventRow(e.id(), e.cameraId(), e.streamId(), stream, e.eventType(), e.source(), e.origin(),
                e.start(), e.end(), e.keepFrom(), e.activeAt(now), segmentId);
    }

    public long getId() {
        return id;
    }

    public String getTime() {
        return TIME.format(start.atZone(ZoneId.systemDefault()));
    }

    public String getIso() {
        return start.toString();
    }

    public String getCamera() {
        return camera;
    }

    /** The stream the event was triggered for; null when it is for every stream of the camera. */
    public String getEventStream() {
        return eventStream;
    }

    public String getStreamLabel() {
        return eventStream == null ? "all streams" : eventStream;
    }

    public String getType() {
        return type;
    }

    public String getSource() {
        return source;
    }

    public String getOrigin() {
        return origin;
    }

    public boolean isActive() {
        return active;
    }

    /** An event without an end runs until someone ends it. */
    public boolean isOpen() {
        return end == null;
    }

    public String getDuration() {
        if (end == null) {
            return "open";
        }
        return format(Duration.between(start, end)) + (active ? " (running)" : "");
    }

    public Long getSegmentId() {
        return segmentId;
    }

    /** The Recordings page at the start of the footage the event keeps (its pre-roll included). */
    public String getPlayUrl() {
        return "/ui/recordings.xhtml?camera=" + encode(camera) + "&stream=" + encode(stream) + "&at="
                + encode(keepFrom.toString());
    }

    static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
