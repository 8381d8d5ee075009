package io.keyframe.segment.boundary;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.Requests;
import io.keyframe.recording.control.StateLogStore;
import io.keyframe.security.Footage;
import io.keyframe.security.Roles;
import io.keyframe.segment.control.SegmentStore;
import io.keyframe.segment.control.Timeline;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /cameras/{camera_id}/timeline?from&to[&stream_id]}: covered intervals (merged
 * segments) and gaps with their cause, for one stream (the primary one by default).
 */
@Footage(Footage.Source.CAMERA_ID)
@Path("/cameras/{camera_id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class TimelineResource {

    /** One factory: {@code Json.create…} looks the provider up again on every call (slow under Liberty). */
    private static final jakarta.json.JsonBuilderFactory JSON = Json.createBuilderFactory(java.util.Map.of());

    static final Duration LONGEST_RANGE = Duration.ofDays(31);

    @Inject
    SegmentStore segments;

    @Inject
    StateLogStore stateLog;

    @Inject
    CameraStore cameras;

    @Inject
    Clock clock;

    /** One read transaction for the four queries (each store method would otherwise commit its own). */
    @GET
    @jakarta.transaction.Transactional
    public JsonObject timeline(@PathParam("camera_id") String cameraId, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("stream_id") String streamId) {
        Camera camera = cameras.get(CameraId.of(cameraId));
        Instant now = clock.instant();
        Instant end = Requests.instant("to", to, now);
        Instant start = Requests.instant("from", from, end.minus(Duration.ofDays(1)));
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("from must be before to");
        }
        if (!start.isBefore(now)) {
            throw ApiException.badRequest("from must be in the past");
        }
        if (Duration.between(start, end).compareTo(LONGEST_RANGE) > 0) {
            throw ApiException.badRequest("a timeline spans at most 31 days");
        }
        String stream = streamId != null ? StreamId.of(streamId).value()
                : camera.primaryStream().map(CameraStream::id).map(StreamId::value)
                        .orElseThrow(() -> ApiException.notFound("camera " + cameraId + " has no primary stream"));
        Timeline.Result result = Timeline.build(start, end,
                segments.spans(camera.id().value(), stream, start, end),
                stateLog.changes(camera.id().value(), stream, start.minus(Timeline.TOLERANCE), end),
                segments.deletions(camera.id().value(), stream, start, end), now);
        return render(camera.id().value(), stream, result);
    }

    static JsonObject render(String cameraId, String streamId, Timeline.Result result) {
        JsonArrayBuilder intervals = JSON.createArrayBuilder();
        for (Timeline.Covered c : result.covered()) {
            intervals.add(span(c.span()).add("segments", c.segments()));
        }
        JsonArrayBuilder gaps = JSON.createArrayBuilder();
        for (Timeline.Gap g : result.gaps()) {
            JsonObjectBuilder gap = span(g.span()).add("cause", g.cause().json());
            if (g.detail() != null) {
                gap.add("detail", g.detail());
            }
            gaps.add(gap);
        }
        long total = Duration.between(result.from(), result.to()).toMillis();
        long covered = result.coveredTime().toMillis();
        return JSON.createObjectBuilder().add("camera_id", cameraId).add("stream_id", streamId)
                .add("from", result.from().toString()).add("to", result.to().toString())
                .add("covered_ms", covered).add("coverage", total <= 0 ? 0.0 : Math.round(10000.0 * covered / total) / 10000.0)
                .add("intervals", intervals).add("gaps", gaps).build();
    }

    private static JsonObjectBuilder span(Timeline.Span span) {
        return JSON.createObjectBuilder().add("start", span.start().toString()).add("end", span.end().toString())
                .add("duration_ms", span.length().toMillis());
    }
}
