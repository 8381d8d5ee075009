package io.keyframe.event.boundary;

import io.keyframe.event.entity.RecordingEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** An event as the API shows it, with links to its footage and to an export of its window. */
final class EventJson {

    private EventJson() {
    }

    static JsonObject render(RecordingEvent e, Instant now) {
        Instant until = e.keepUntil() == null || e.keepUntil().isAfter(now) ? now : e.keepUntil();
        String range = "from=" + e.keepFrom() + "&to=" + until;
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("event_id", e.id())
                .add("camera_id", e.cameraId())
                .add("event_type", e.eventType())
                .add("start", e.start().toString())
                .add("pre_roll_secs", e.preRoll().toSeconds())
                .add("post_roll_secs", e.postRoll().toSeconds())
                .add("keep_from", e.keepFrom().toString())
                .add("active", e.activeAt(now))
                .add("origin", e.origin())
                .add("segments", "/cameras/" + e.cameraId() + "/segments?" + range
                        + (e.streamId() == null ? "" : "&stream_id=" + e.streamId()))
                .add("export", "/cameras/" + e.cameraId() + "/export?" + range
                        + (e.streamId() == null ? "" : "&stream_id=" + e.streamId()));
        nullable(json, "stream_id", e.streamId());
        nullable(json, "source", e.source());
        nullable(json, "end", e.end());
        nullable(json, "keep_until", e.keepUntil());
        return json.build();
    }

    private static void nullable(JsonObjectBuilder json, String name, Object value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value.toString());
        }
    }
}
