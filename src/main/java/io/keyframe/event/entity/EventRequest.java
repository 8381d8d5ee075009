package io.keyframe.event.entity;

import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.JsonInput;
import jakarta.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /recording/event/{camera_id}[/{stream_id}]} and of an MQTT trigger:
 * {@code {"event_type": "motion", "source": "door-sensor-3", "duration_secs": 20}}. Without
 * {@code duration_secs} the event stays open until {@code POST /recording/event/{event_id}/end}.
 *
 * @param durationSecs null for an open event
 */
public record EventRequest(String eventType, String source, Integer durationSecs) {

    /** A short lower-case word: {@code motion}, {@code alarm}, {@code manual}, {@code line_crossing}. */
    public static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** One day: a longer "event" is a schedule. */
    public static final int MAX_DURATION_SECS = 86_400;
    private static final int MAX_SOURCE = 200;

    public EventRequest {
        if (eventType == null || !EVENT_TYPE.matcher(eventType).matches()) {
            throw ApiException.badRequest("event_type must be a short lower-case word such as motion, alarm or manual"
                    + " ([a-z][a-z0-9_-]{0,31})");
        }
        if (eventType.equals("continuous")) {
            throw ApiException.badRequest("event_type continuous is reserved for footage outside events");
        }
        if (source != null && (source.length() > MAX_SOURCE || source.chars().anyMatch(Character::isISOControl))) {
            throw ApiException.badRequest("source must be at most " + MAX_SOURCE + " printable characters");
        }
        if (durationSecs != null && (durationSecs < 1 || durationSecs > MAX_DURATION_SECS)) {
            throw ApiException.badRequest("duration_secs must be a whole number from 1 to " + MAX_DURATION_SECS);
        }
    }

    /** Reads and validates a JSON body; a missing event_type means {@code manual}. */
    public static EventRequest parse(JsonObject json) {
        String type = JsonInput.string(json, "event_type", "");
        return new EventRequest(type == null ? "manual" : type, JsonInput.string(json, "source", ""),
                JsonInput.integer(json, "duration_secs", ""));
    }
}
