package io.keyframe.recording.boundary;

import io.keyframe.recording.control.SessionStatus;
import io.keyframe.recording.control.StateChange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** The recording status JSON of DESIGN.md. */
final class StatusJson {

    private StatusJson() {
    }

    static JsonObject render(SessionStatus status) {
        JsonArrayBuilder changes = Json.createArrayBuilder();
        for (StateChange change : status.history()) {
            changes.add(Json.createObjectBuilder()
                    .add("at", change.at().toString())
                    .add("from", change.from().name())
                    .add("to", change.to().name())
                    .add("reason", change.reason()));
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("camera_id", status.cameraId().value())
                .add("stream_id", status.streamId().value())
                .add("state", status.state().name())
                .add("since", status.since().toString())
                .add("desired", status.desired())
                .add("reconnects", status.reconnects())
                .add("audio", status.audio())
                .add("state_changes", changes);
        addNullable(json, "last_error", status.lastError());
        addNullable(json, "video_codec", status.videoCodec());
        addNullable(json, "last_segment_at", status.lastSegmentAt());
        return json.build();
    }

    private static void addNullable(JsonObjectBuilder json, String name, Object value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value instanceof Instant i ? i.toString() : value.toString());
        }
    }
}
