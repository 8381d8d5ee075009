package io.keyframe.retention.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.JsonInput;
import io.keyframe.platform.rest.Requests;
import io.keyframe.retention.control.HoldStore;
import io.keyframe.retention.control.RetentionStore;
import io.keyframe.security.Roles;
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
 * {@code GET /holds[?camera_id]}: legal holds, newest first, each with the ids of the segments it
 * covers; {@code DELETE /holds/{id}} releases one. Holds protect footage from every kind of deletion.
 */
@Path("/holds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class HoldsResource {

    @Inject
    HoldStore holds;

    @Inject
    RetentionStore store;

    @GET
    public JsonObject list(@QueryParam("camera_id") String cameraId) {
        String camera = cameraId == null || cameraId.isBlank() ? null : CameraId.of(cameraId).value();
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (HoldStore.Hold hold : holds.list(camera)) {
            JsonArrayBuilder ids = Json.createArrayBuilder();
            holds.segmentsOf(hold.id(), 1000).forEach(ids::add);
            list.add(Json.createObjectBuilder(HoldJson.render(hold)).add("segment_ids", ids));
        }
        return Json.createObjectBuilder().add("holds", list).build();
    }

    @DELETE
    @Path("{hold_id}")
    public Response release(@PathParam("hold_id") String holdId) {
        long id = io.keyframe.platform.rest.Requests.id("a hold id", holdId);
        if (!holds.release(id)) {
            throw ApiException.notFound("no hold " + id);
        }
        return Response.noContent().build();
    }
}
