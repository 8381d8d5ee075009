package io.keyframe.retention.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.JsonInput;
import io.keyframe.platform.rest.Requests;
import io.keyframe.retention.control.HoldStore;
import io.keyframe.retention.control.RetentionStore;
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

/** {@code POST|DELETE /segments/{id}/hold}: a legal hold on one segment ({@code {"reason": …}} optional). */
@Path("/segments/{id}/hold")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SegmentHoldResource {

    @Inject
    HoldStore holds;

    @Inject
    RetentionStore store;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response holdSegment(@PathParam("id") String id, String body, @Context SecurityContext security) {
        long segmentId = SegmentFileResource.segmentId(id);
        String reason = body == null || body.isBlank() ? null : HoldJson.reason(Requests.jsonObject(body));
        return Response.status(201).entity(HoldJson.render(holds.holdSegment(segmentId, reason, Actors.of(security)))).build();
    }

    @DELETE
    public Response releaseSegment(@PathParam("id") String id) {
        long segmentId = SegmentFileResource.segmentId(id);
        if (!holds.releaseSegment(segmentId)) {
            throw ApiException.notFound("segment " + segmentId + " has no hold of its own");
        }
        return Response.noContent().build();
    }
}
