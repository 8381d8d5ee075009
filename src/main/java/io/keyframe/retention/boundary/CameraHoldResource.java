package io.keyframe.retention.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.JsonInput;
import io.keyframe.platform.rest.Requests;
import io.keyframe.retention.control.HoldStore;
import io.keyframe.retention.control.LegalHolds;
import io.keyframe.security.Roles;
import io.keyframe.segment.boundary.SegmentFileResource;
import jakarta.annotation.security.RolesAllowed;
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
@RolesAllowed(Roles.ADMIN)
public class CameraHoldResource {

    @Inject
    LegalHolds holds;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response holdRange(@PathParam("camera_id") String cameraId, String body, @Context SecurityContext security) {
        CameraId camera = CameraId.of(cameraId);
        JsonObject json = Requests.jsonObject(body);
        Instant from = Requests.instant("from", JsonInput.string(json, "from", ""), null);
        Instant to = Requests.instant("to", JsonInput.string(json, "to", ""), null);
        String stream = JsonInput.string(json, "stream_id", "");
        StreamId streamId = stream == null ? null : StreamId.of(stream);
        HoldStore.Hold hold = holds.holdRange(camera, streamId, from, to, HoldJson.reason(json), Actors.of(security));
        return Response.status(201).entity(HoldJson.render(hold)).build();
    }
}
