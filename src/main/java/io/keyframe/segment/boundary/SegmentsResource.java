package io.keyframe.segment.boundary;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.Requests;
import io.keyframe.security.Footage;
import io.keyframe.security.Roles;
import io.keyframe.segment.control.SegmentCursor;
import io.keyframe.segment.control.SegmentListQuery;
import io.keyframe.segment.control.SegmentStore;
import io.keyframe.segment.entity.Segment;
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
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /cameras/{camera_id}/segments}: the catalog by time range, oldest first, in pages of
 * {@code limit}; when more rows exist the answer carries an opaque {@code next} cursor, sent back
 * as {@code cursor} with the same query for the next page.
 */
@Footage(Footage.Source.CAMERA_ID)
@Path("/cameras/{camera_id}/segments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class SegmentsResource {

    /** One factory: {@code Json.create…} looks the provider up again on every call (slow under Liberty). */
    private static final jakarta.json.JsonBuilderFactory JSON = Json.createBuilderFactory(java.util.Map.of());

    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_-]{1,32}");

    @Inject
    SegmentStore segments;

    @Inject
    CameraStore cameras;

    @Inject
    Clock clock;

    @GET
    @jakarta.transaction.Transactional
    public JsonObject list(@PathParam("camera_id") String cameraId, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("stream_id") String streamId,
                           @QueryParam("event_type") String eventType, @QueryParam("limit") String limit,
                           @QueryParam("cursor") String cursor) {
        CameraId camera = CameraId.of(cameraId);
        cameras.get(camera);
        Instant now = clock.instant();
        Instant end = Requests.instant("to", to, now.plus(Duration.ofDays(1)));
        Instant start = Requests.instant("from", from, end.minus(Duration.ofDays(1)));
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("from must be before to");
        }
        String stream = streamId == null ? null : StreamId.of(streamId).value();
        if (eventType != null && !EVENT_TYPE.matcher(eventType).matches()) {
            throw ApiException.badRequest("event_type must match [a-z0-9_-]{1,32}");
        }
        int max = Requests.wholeNumber("limit", limit, 1000, 1, 10000);
        SegmentCursor after = cursor == null || cursor.isEmpty() ? null : SegmentCursor.decode(cursor);
        List<Segment> page = segments.list(new SegmentListQuery(camera.value(), start, end, stream, eventType, after, max + 1));
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (Segment s : page.subList(0, Math.min(max, page.size()))) {
            list.add(render(s));
        }
        JsonObjectBuilder answer = JSON.createObjectBuilder().add("segments", list);
        if (page.size() > max) {
            Segment last = page.get(max - 1);
            answer.add("next", new SegmentCursor(last.startTime(), last.id()).encode());
        }
        return answer.build();
    }

    static JsonObject render(Segment s) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", s.id())
                .add("camera_id", s.cameraId())
                .add("stream_id", s.streamId())
                .add("start_time", s.startTime().toString())
                .add("end_time", s.endTime().toString())
                .add("duration_ms", s.durationMs())
                .add("file_path", s.filePath())
                .add("size_bytes", s.sizeBytes())
                .add("event_type", s.eventType())
                .add("has_audio", s.hasAudio())
                .add("legal_hold", s.legalHold())
                .add("url", "/segments/" + s.id() + "/file");
        if (s.videoCodec() != null) {
            json.add("video_codec", s.videoCodec());
        }
        if (s.width() != null && s.height() != null) {
            json.add("width", s.width()).add("height", s.height());
        }
        return json.build();
    }
}
