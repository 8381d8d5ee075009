package io.keyframe.camera.boundary;

import io.keyframe.camera.control.CameraProbe;
import io.keyframe.camera.control.CameraService;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraSpec;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.Requests;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/** {@code /cameras}: cameras and their streams. Passwords are accepted, never returned. */
@Path("/cameras")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CamerasResource {

    @Inject
    CameraService cameras;

    @Inject
    CameraProbe probe;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public JsonObject list() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        cameras.all().forEach(c -> list.add(CameraJson.render(c)));
        return Json.createObjectBuilder().add("cameras", list).build();
    }

    @POST
    public Response create(String body) {
        CameraSpec spec = CameraJson.parse(Requests.jsonObject(body), null);
        Camera camera = cameras.create(spec);
        return Response.created(URI.create("/cameras/" + spec.id())).entity(CameraJson.render(camera)).build();
    }

    @GET
    @Path("{camera_id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public JsonObject get(@PathParam("camera_id") String cameraId) {
        return CameraJson.render(cameras.get(CameraId.of(cameraId)));
    }

    @PUT
    @Path("{camera_id}")
    public JsonObject update(@PathParam("camera_id") String cameraId, String body) {
        CameraSpec spec = CameraJson.parse(Requests.jsonObject(body), CameraId.of(cameraId));
        return CameraJson.render(cameras.update(spec));
    }

    /**
     * "Test connection" of a URL with optional credentials: 200 with {@code ok} true and the media,
     * or {@code ok} false with a {@code reason} and an {@code error}; 400 for a malformed URL.
     */
    @POST
    @Path("probe")
    public JsonObject probe(String body) {
        CameraJson.ProbeRequest request = CameraJson.parseProbe(Requests.jsonObject(body));
        return CameraJson.renderProbe(probe.probe(request.url(), request.username(), request.password(), request.transport()));
    }

    /** "Test connection" of a stored stream (the primary one without {@code stream}), with its stored credentials. */
    @POST
    @Path("{camera_id}/probe")
    public JsonObject probeStored(@PathParam("camera_id") String cameraId, @QueryParam("stream") String stream) {
        return CameraJson.renderProbe(probe.probeStored(CameraId.of(cameraId),
                stream == null || stream.isEmpty() ? Optional.empty() : Optional.of(StreamId.of(stream))));
    }

    /** Stops and finalises the camera's recordings, then forgets its configuration; footage stays. */
    @DELETE
    @Path("{camera_id}")
    public Response delete(@PathParam("camera_id") String cameraId) {
        cameras.delete(CameraId.of(cameraId));
        return Response.noContent().build();
    }
}
