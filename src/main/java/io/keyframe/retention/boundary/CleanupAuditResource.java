package io.keyframe.retention.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.Requests;
import io.keyframe.retention.control.CleanupAudit.Cursor;
import io.keyframe.retention.control.CleanupAudit.Entry;
import io.keyframe.retention.control.CleanupAudit;
import io.keyframe.retention.control.StorageQueries;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /cleanup/audit?camera_id&from&to&reason&limit&cursor}: what cleanup deleted and why,
 * newest first, in pages of {@code limit}; when more entries exist the answer carries an opaque
 * {@code next_cursor}, sent back as {@code cursor} with the same query for the next page. The
 * camera need not be configured any more: footage and its audit outlive the camera.
 */
@Path("/cleanup/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CleanupAuditResource {

    private static final Pattern REASON = Pattern.compile("[a-z0-9_-]{1,32}");

    @Inject
    StorageQueries queries;

    @GET
    public JsonObject list(@QueryParam("camera_id") String cameraId, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("reason") String reason,
                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        String camera = cameraId == null ? null : CameraId.of(cameraId).value();
        Instant start = bounded("from", Requests.instant("from", from, null));
        Instant end = bounded("to", Requests.instant("to", to, null));
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiException.badRequest("from must not be after to");
        }
        if (reason != null && !REASON.matcher(reason).matches()) {
            throw ApiException.badRequest("reason must match [a-z0-9_-]{1,32}");
        }
        int max = Requests.wholeNumber("limit", limit, 100, 1, 1000);
        Cursor after = cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor);
        List<Entry> page = queries.audit(new CleanupAudit.Query(camera, start, end, reason, after, max + 1));
        JsonArrayBuilder entries = Json.createArrayBuilder();
        for (Entry e : page.subList(0, Math.min(max, page.size()))) {
            entries.add(render(e));
        }
        JsonValue next = JsonValue.NULL;
        if (page.size() > max) {
            Entry last = page.get(max - 1);
            next = Json.createValue(new Cursor(last.at(), last.id()).encode());
        }
        return Json.createObjectBuilder().add("entries", entries).add("next_cursor", next).build();
    }

    private static Instant bounded(String name, Instant value) {
        if (value != null && (value.isBefore(CleanupAudit.EARLIEST) || value.isAfter(CleanupAudit.LATEST))) {
            throw ApiException.badRequest(name + " must be between the years 0001 and 9999");
        }
        return value;
    }

    static JsonObject render(Entry e) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", e.id()).add("at", e.at().toString());
        string(json, "camera_id", e.cameraId());
        string(json, "stream_id", e.streamId());
        json.add("segment_id", e.segmentId() == null ? JsonValue.NULL : Json.createValue(e.segmentId()));
        string(json, "file_path", e.filePath());
        json.add("size_bytes", e.sizeBytes() == null ? JsonValue.NULL : Json.createValue(e.sizeBytes()));
        string(json, "reason", e.reason());
        string(json, "actor", e.actor());
        string(json, "detail", e.detail());
        string(json, "segment_start", e.segmentStart() == null ? null : e.segmentStart().toString());
        string(json, "segment_end", e.segmentEnd() == null ? null : e.segmentEnd().toString());
        return json.build();
    }

    private static void string(JsonObjectBuilder json, String name, String value) {
        json.add(name, value == null ? JsonValue.NULL : Json.createValue(value));
    }
}
