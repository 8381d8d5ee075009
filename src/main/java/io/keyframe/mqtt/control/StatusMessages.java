package io.keyframe.mqtt.control;

import io.keyframe.event.entity.RecordingEvent;
import io.keyframe.mqtt.entity.OutboundMessage;
import io.keyframe.recording.control.StateChange;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The status Keyframe publishes: events on {@code {prefix}/{camera_id}/events}
 * ({@code {"event_id", "camera_id", "stream_id", "event_type", "source", "origin", "start", "end", "state"}},
 * state {@code started} or {@code ended}) and stream states on
 * {@code {prefix}/{camera_id}/{stream_id}/state} ({@code {"from", "to", "reason", "at"}}, retained).
 */
public final class StatusMessages {

    private final String prefix;

    public StatusMessages(String prefix) {
        this.prefix = prefix;
    }

    public OutboundMessage event(RecordingEvent event, boolean started) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("event_id", event.id())
                .add("camera_id", event.cameraId());
        nullable(json, "stream_id", event.streamId());
        json.add("event_type", event.eventType());
        nullable(json, "source", event.source());
        nullable(json, "origin", event.origin());
        nullable(json, "start", event.start());
        nullable(json, "end", event.end());
        json.add("state", started ? "started" : "ended");
        return new OutboundMessage(prefix + "/" + event.cameraId() + "/events", bytes(json), false);
    }

    public OutboundMessage state(String cameraId, String streamId, StateChange change) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        nullable(json, "from", change.from() == null ? null : change.from().name());
        nullable(json, "to", change.to() == null ? null : change.to().name());
        nullable(json, "reason", change.reason());
        nullable(json, "at", change.at());
        return new OutboundMessage(prefix + "/" + cameraId + "/" + streamId + "/state", bytes(json), true);
    }

    private static void nullable(JsonObjectBuilder json, String name, Object value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value instanceof Instant at ? at.toString() : value.toString());
        }
    }

    private static byte[] bytes(JsonObjectBuilder json) {
        return json.build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
