package io.keyframe.camera.boundary;

import io.keyframe.camera.entity.AccessGroups;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraSpec;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.ProbeOutcome;
import io.keyframe.camera.entity.ProbeResult;
import io.keyframe.camera.entity.RecordingMode;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.camera.entity.StreamSpec;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.JsonInput;
import io.keyframe.recording.control.Transport;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** The camera JSON of DESIGN.md, in and out. The password is read, never written. */
final class CameraJson {

    private CameraJson() {
    }

    static CameraSpec parse(JsonObject json, CameraId pathId) {
        String rawId = JsonInput.string(json, "camera_id", "");
        CameraId id;
        if (pathId != null) {
            if (rawId != null && !rawId.equals(pathId.value())) {
                throw ApiException.badRequest("camera_id in the body differs from the one in the path");
            }
            id = pathId;
        } else {
            if (rawId == null) {
                throw ApiException.badRequest("camera_id is required");
            }
            id = CameraId.of(rawId);
        }
        String mode = JsonInput.string(json, "recording_mode", "");
        Integer pre = JsonInput.integer(json, "pre_roll_secs", "");
        Integer post = JsonInput.integer(json, "post_roll_secs", "");
        JsonArray streams = JsonInput.array(json, "streams", "");
        if (streams == null) {
            throw ApiException.badRequest("streams is required");
        }
        List<StreamSpec> specs = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            specs.add(parseStream(JsonInput.object(streams.get(i), "streams[" + i + "]"), "streams[" + i + "]."));
        }
        Boolean acceptEvents = JsonInput.bool(json, "accept_events", "");
        return new CameraSpec(id, JsonInput.string(json, "name", ""),
                mode == null ? RecordingMode.CONTINUOUS : RecordingMode.parse(mode),
                JsonInput.integer(json, "retention_days", ""),
                pre == null ? 5 : pre, post == null ? 10 : post, specs, acceptEvents != null && acceptEvents,
                accessGroups(json));
    }

    /** {@code "access_groups": ["lobby-guards", ...]}; absent, null or empty: every viewer. */
    private static AccessGroups accessGroups(JsonObject json) {
        JsonArray groups = JsonInput.array(json, "access_groups", "");
        if (groups == null) {
            return AccessGroups.NONE;
        }
        List<String> names = new ArrayList<>();
        for (JsonValue value : groups) {
            if (!(value instanceof JsonString name)) {
                throw ApiException.badRequest("access_groups must be an array of group names (strings)");
            }
            names.add(name.getString());
        }
        return new AccessGroups(names);
    }

    private static StreamSpec parseStream(JsonObject json, String prefix) {
        String rawId = JsonInput.string(json, "stream_id", prefix);
        StreamId id = StreamId.of(rawId == null ? "main" : rawId);
        Transport t = transport(JsonInput.string(json, "transport", prefix), prefix);
        Boolean primary = JsonInput.bool(json, "primary", prefix);
        return StreamSpec.of(id, JsonInput.string(json, "url", prefix), JsonInput.string(json, "username", prefix),
                JsonInput.string(json, "password", prefix), JsonInput.has(json, "password"),
                primary != null && primary, t, JsonInput.integer(json, "retention_days", prefix));
    }

    /** The body of {@code POST /cameras/probe}: {@code url}, optional {@code username}, {@code password}, {@code transport}. */
    static ProbeRequest parseProbe(JsonObject json) {
        String url = JsonInput.string(json, "url", "");
        if (url == null) {
            throw ApiException.badRequest("url is required");
        }
        return new ProbeRequest(url, JsonInput.string(json, "username", ""), JsonInput.string(json, "password", ""),
                transport(JsonInput.string(json, "transport", ""), ""));
    }

    /** A probe request as sent; the password stays out of {@link #toString()}. */
    record ProbeRequest(String url, String username, String password, Transport transport) {
        @Override
        public String toString() {
            return "ProbeRequest[transport=" + transport + "]";
        }
    }

    /** {@code {"ok": true, "video_codec": "H264", "width": 640, ...}} or {@code {"ok": false, "reason": ..., "error": ...}}. */
    static JsonObject renderProbe(ProbeOutcome outcome) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("ok", outcome.ok());
        if (outcome.ok()) {
            ProbeResult result = outcome.result();
            json.add("video_codec", result.videoCodec())
                    .add("width", result.width())
                    .add("height", result.height());
            if (result.frameRate() == null) {
                json.addNull("frame_rate");
            } else {
                json.add("frame_rate", result.frameRate());
            }
            if (result.audioCodec() == null) {
                json.addNull("audio_codec");
            } else {
                json.add("audio_codec", result.audioCodec());
            }
            json.add("summary", result.summary());
        } else {
            json.add("reason", outcome.reason()).add("error", outcome.error());
        }
        return json.add("elapsed_ms", outcome.elapsedMillis()).build();
    }

    private static Transport transport(String value, String prefix) {
        if (value == null || value.equals("tcp")) {
            return Transport.TCP;
        } else if (value.equals("udp")) {
            return Transport.UDP;
        }
        throw ApiException.badRequest(prefix + "transport must be tcp or udp");
    }

    static JsonObject render(Camera camera) {
        JsonArrayBuilder streams = Json.createArrayBuilder();
        for (CameraStream stream : camera.streams()) {
            JsonObjectBuilder s = Json.createObjectBuilder()
                    .add("stream_id", stream.id().value())
                    .add("url", stream.url().toString())
                    .add("primary", stream.primary())
                    .add("transport", stream.transport().name().toLowerCase())
                    .add("has_password", stream.hasPassword())
                    .add("recording_desired", stream.recordingDesired());
            if (stream.manualOverride() == null) {
                s.addNull("manual_override");
            } else {
                s.add("manual_override", stream.manualOverride());
            }
            if (stream.retentionDays() == null) {
                s.addNull("retention_days");
            } else {
                s.add("retention_days", stream.retentionDays());
            }
            if (stream.username() != null) {
                s.add("username", stream.username());
            }
            streams.add(s);
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("camera_id", camera.id().value())
                .add("name", camera.name())
                .add("recording_mode", camera.recordingMode().wire())
                .add("pre_roll_secs", camera.preRollSecs())
                .add("post_roll_secs", camera.postRollSecs())
                .add("accept_events", camera.acceptEvents())
                .add("schedule_time_zone", camera.scheduleTimeZone())
                .add("access_groups", Json.createArrayBuilder(camera.accessGroups().names()))
                .add("streams", streams);
        if (camera.retentionDays() == null) {
            json.addNull("retention_days");
        } else {
            json.add("retention_days", camera.retentionDays());
        }
        return json.build();
    }
}
