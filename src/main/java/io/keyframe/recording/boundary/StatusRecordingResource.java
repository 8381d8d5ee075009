package io.keyframe.recording.boundary;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.recording.control.SessionStatus;
import io.keyframe.recording.control.StateChange;
import io.keyframe.recording.control.StreamHealth;
import io.keyframe.recording.control.StreamManager;
import io.keyframe.recording.control.StreamStats;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spec's {@code GET /status/recording/{camera_id}} and {@code GET /status/recording} (all
 * cameras): per stream its state, who wants it on, health with the reason, reconnects, the last
 * error (credentials masked), the last closed segment and the recent state changes.
 */
@Path("/status/recording")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class StatusRecordingResource {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Inject
    StreamManager manager;

    @Inject
    CameraStore cameras;

    @Inject
    KeyframeSettings settings;

    @Inject
    Clock clock;

    @GET
    public JsonObject all() {
        Instant now = clock.instant();
        JsonArrayBuilder list = JSON.createArrayBuilder();
        int unhealthy = 0;
        for (Camera camera : cameras.all()) {
            JsonObject json = camera(camera, now);
            unhealthy += json.getBoolean("healthy") ? 0 : 1;
            list.add(json);
        }
        return JSON.createObjectBuilder().add("at", now.toString()).add("unhealthy_cameras", unhealthy)
                .add("cameras", list).build();
    }

    @GET
    @Path("{camera_id}")
    public JsonObject one(@PathParam("camera_id") String cameraId) {
        return camera(cameras.get(CameraId.of(cameraId)), clock.instant());
    }

    private JsonObject camera(Camera camera, Instant now) {
        JsonArrayBuilder streams = JSON.createArrayBuilder();
        boolean healthy = true;
        for (SessionStatus status : manager.statuses(camera.id())) {
            boolean wanted = manager.wanted(status.cameraId(), status.streamId());
            Optional<String> problem = StreamHealth.problem(status, wanted, settings.segmentDuration(), now);
            healthy &= problem.isEmpty();
            streams.add(stream(status, wanted, problem));
        }
        return JSON.createObjectBuilder().add("camera_id", camera.id().value())
                .add("recording_mode", camera.recordingMode().wire()).add("healthy", healthy).add("streams", streams).build();
    }

    private JsonObject stream(SessionStatus s, boolean wanted, Optional<String> problem) {
        JsonArrayBuilder changes = JSON.createArrayBuilder();
        List<StateChange> history = s.history();
        for (StateChange change : history.subList(Math.max(0, history.size() - 20), history.size())) {
            changes.add(JSON.createObjectBuilder().add("at", change.at().toString()).add("from", change.from().name())
                    .add("to", change.to().name()).add("reason", change.reason() == null ? "" : change.reason()));
        }
        StreamStats stats = manager.streamStats(s.cameraId(), s.streamId());
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("stream_id", s.streamId().value())
                .add("drop_rate", round(stats.dropRateLastMinute()))
                .add("drop_rate_since_start", round(stats.dropRateSinceStart()))
                .add("packets_received", stats.packetsReceived())
                .add("packets_lost", stats.packetsLost())
                .add("packets_late", stats.packetsLate())
                .add("bitrate_bps", stats.bitrateBps())
                .add("fps", round(stats.fps()))
                .add("state", s.state().name())
                .add("since", s.since().toString())
                .add("wanted", wanted)
                .add("wanted_by", manager.wantedBy(s.cameraId(), s.streamId()).wire())
                .add("healthy", problem.isEmpty())
                .add("reconnects", s.reconnects())
                .add("audio", s.audio())
                .add("state_changes", changes);
        nullable(json, "problem", problem.orElse(null));
        if (stats.keyframeIntervalSecs() == null) {
            json.addNull("keyframe_interval_secs");
        } else {
            json.add("keyframe_interval_secs", round(stats.keyframeIntervalSecs()));
        }
        nullable(json, "stats_sampled_at", stats.sampledAt() == null ? null : stats.sampledAt().toString());
        nullable(json, "last_error", s.lastError());
        nullable(json, "video_codec", s.videoCodec());
        nullable(json, "last_segment_at", s.lastSegmentAt() == null ? null : s.lastSegmentAt().toString());
        return json.build();
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10000) / 10000.0 : 0.0;
    }

    private static void nullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
