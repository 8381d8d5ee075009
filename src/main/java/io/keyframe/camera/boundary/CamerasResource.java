package io.keyframe.camera.boundary;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraSpec;
import io.keyframe.platform.rest.Requests;
import io.keyframe.recording.control.StreamManager;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code /cameras}: cameras and their streams. Passwords are accepted, never returned. */
@Path("/cameras")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CamerasResource {

    @Inject
    CameraStore store;

    @Inject
    StreamManager manager;

    @GET
    public JsonObject list() {
        JsonArrayBuilder cameras = Json.createArrayBuilder();
        store.all().forEach(c -> cameras.add(CameraJson.render(c)));
        return Json.createObjectBuilder().add("cameras", cameras).build();
    }

    @POST
    public Response create(String body) {
        CameraSpec spec = CameraJson.parse(Requests.jsonObject(body), null);
        Camera camera = store.create(spec);
        manager.cameraChanged(spec.id());
        return Response.created(URI.create("/cameras/" + spec.id())).entity(CameraJson.render(camera)).build();
    }

    @GET
    @Path("{camera_id}")
    public JsonObject get(@PathParam("camera_id") String cameraId) {
        return CameraJson.render(store.get(CameraId.of(cameraId)));
    }

    @PUT
    @Path("{camera_id}")
    public JsonObject update(@PathParam("camera_id") String cameraId, String body) {
        CameraSpec spec = CameraJson.parse(Requests.jsonObject(body), CameraId.of(cameraId));
        store.update(spec);
        manager.cameraChanged(spec.id());
        return CameraJson.render(store.get(spec.id()));
    }

    /** Stops and finalises the camera's recordings, then forgets its configuration; footage stays. */
    @DELETE
    @Path("{camera_id}")
    public Response delete(@PathParam("camera_id") String cameraId) {
        CameraId id = CameraId.of(cameraId);
        store.get(id);
        manager.cameraRemoved(id);
        store.delete(id);
        return Response.noContent().build();
    }
}
