package io.keyframe.retention.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.retention.control.RetentionService;
import io.keyframe.retention.control.RetentionStore;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The spec's manual prune: {@code DELETE /recording/prune/{camera_id}[/{stream_id}]?older_than_days=N[&dry_run=true]}
 * deletes a camera's (stream's) segments that ended more than N days ago through the same
 * crash-safe, audited protocol as the timer; segments under legal hold or being exported stay.
 */
@Path("/recording/prune")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PruneResource {

    /** A hundred years: anything larger is a typo. */
    static final int MAX_DAYS = 36500;

    @Inject
    RetentionService retention;

    @Inject
    RetentionStore store;

    @DELETE
    @Path("{camera_id}")
    public JsonObject prune(@PathParam("camera_id") String cameraId, @QueryParam("older_than_days") String days,
                            @QueryParam("dry_run") String dryRun, @Context SecurityContext security) {
        return prune(cameraId, null, days, dryRun, security);
    }

    @DELETE
    @Path("{camera_id}/{stream_id}")
    public JsonObject prune(@PathParam("camera_id") String cameraId, @PathParam("stream_id") String streamId,
                            @QueryParam("older_than_days") String days, @QueryParam("dry_run") String dryRun,
                            @Context SecurityContext security) {
        CameraId camera = CameraId.of(cameraId);
        StreamId stream = streamId == null ? null : StreamId.of(streamId);
        int olderThanDays = olderThanDays(days);
        boolean dry = dryRun(dryRun);
        if (!store.knows(camera.value())) {
            throw ApiException.notFound("no camera " + camera + " and no footage of it");
        }
        RetentionService.PruneReport report = retention.prune(camera.value(), stream == null ? null : stream.value(),
                olderThanDays, dry, Actors.of(security));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("camera_id", camera.value())
                .add("older_than_days", olderThanDays)
                .add("dry_run", dry)
                .add("deleted_segments", report.segments())
                .add("freed_bytes", report.bytes())
                .add("held_segments", report.held());
        if (stream == null) {
            json.addNull("stream_id");
        } else {
            json.add("stream_id", stream.value());
        }
        if (dry) {
            JsonArrayBuilder ids = Json.createArrayBuilder();
            report.sampleIds().forEach(ids::add);
            json.add("segment_ids", ids);
        }
        return json.build();
    }

    static int olderThanDays(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("older_than_days is required: a whole number of days from 0 to " + MAX_DAYS);
        }
        String trimmed = value.trim();
        if (!trimmed.matches("[0-9]{1,9}")) {
            throw ApiException.badRequest("older_than_days must be a whole number of days from 0 to " + MAX_DAYS
                    + ", got '" + (trimmed.length() > 20 ? trimmed.substring(0, 20) + "…" : trimmed) + "'");
        }
        int days = Integer.parseInt(trimmed);
        if (days > MAX_DAYS) {
            throw ApiException.badRequest("older_than_days must be at most " + MAX_DAYS + ", got " + days);
        }
        return days;
    }

    static boolean dryRun(String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("dry_run must be true or false");
    }
}
