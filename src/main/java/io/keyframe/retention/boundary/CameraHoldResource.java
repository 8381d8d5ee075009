package io.keyframe.retention.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.JsonInput;
import io.keyframe.platform.rest.Requests;
import io.keyframe.retention.control.HoldStore;
import io.keyframe.retention.control.RetentionStore;
import io.keyframe.segment.boundary.SegmentFileResource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;

/**
 * {@code POST /cameras/{camera_id}/holds} with {@code {"from", "to", "stream_id"?, "reason"?}}: a legal
 * hold on a time range of a camera (stream), footage recorded into it later included.
 */
@Path("/cameras/{camera_id}/holds")
@Produces(MediaType.APPLICATION_JSON)
public class CameraHoldResource {

    @Inject
    HoldStore holds;

    @Inject
    RetentionStore store;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response holdRange(@PathParam("camera_id") String cameraId, String body, @Context SecurityContext security) {
        CameraId camera = CameraId.of(cameraId);
        JsonObject json = Requests.jsonObject(body);
        Instant from = Requests.instant("from", JsonInput.string(json, "from", ""), null);
        Instant to = Requests.instant("to", JsonInput.string(json, "to", ""), null);
        if (from == null || to == null) {
            throw ApiException.badRequest("from and to are required, as ISO-8601 UTC times such as 2026-11-24T18:10:00Z");
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from must be before to");
        }
        String stream = JsonInput.string(json, "stream_id", "");
        StreamId streamId = stream == null ? null : StreamId.of(stream);
        if (!store.knows(camera.value())) {
            throw ApiException.notFound("no camera " + camera + " and no footage of it");
        }
        HoldStore.Hold hold = holds.holdRange(camera.value(), streamId == null ? null : streamId.value(), from, to,
                HoldJson.reason(json), Actors.of(security));
        return Response.status(201).entity(HoldJson.render(hold)).build();
    }
}
