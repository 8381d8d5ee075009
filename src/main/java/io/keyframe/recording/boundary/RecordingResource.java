package io.keyframe.recording.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.recording.control.StreamManager;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * The spec's control routes. Without a stream id they act on the camera's primary stream. Start is
 * idempotent (200 and the current status when already recording); stop returns once the last
 * file is finalised.
 */
@Path("/recording")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
public class RecordingResource {

    @Inject
    StreamManager manager;

    @POST
    @Path("start/{camera_id}")
    public JsonObject start(@PathParam("camera_id") String cameraId) {
        return render(manager.start(CameraId.of(cameraId), Optional.empty()));
    }

    @POST
    @Path("start/{camera_id}/{stream_id}")
    public JsonObject start(@PathParam("camera_id") String cameraId, @PathParam("stream_id") String streamId) {
        return render(manager.start(CameraId.of(cameraId), Optional.of(StreamId.of(streamId))));
    }

    @POST
    @Path("stop/{camera_id}")
    public JsonObject stop(@PathParam("camera_id") String cameraId) {
        return render(manager.stop(CameraId.of(cameraId), Optional.empty()));
    }

    @POST
    @Path("stop/{camera_id}/{stream_id}")
    public JsonObject stop(@PathParam("camera_id") String cameraId, @PathParam("stream_id") String streamId) {
        return render(manager.stop(CameraId.of(cameraId), Optional.of(StreamId.of(streamId))));
    }

    @GET
    @Path("status/{camera_id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public JsonObject status(@PathParam("camera_id") String cameraId) {
        return render(manager.status(CameraId.of(cameraId), Optional.empty()));
    }

    @GET
    @Path("status/{camera_id}/{stream_id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public JsonObject status(@PathParam("camera_id") String cameraId, @PathParam("stream_id") String streamId) {
        return render(manager.status(CameraId.of(cameraId), Optional.of(StreamId.of(streamId))));
    }

    @jakarta.ws.rs.DELETE
    @Path("override/{camera_id}")
    public JsonObject clearOverride(@PathParam("camera_id") String cameraId) {
        return render(manager.clearOverride(CameraId.of(cameraId), Optional.empty()));
    }

    @jakarta.ws.rs.DELETE
    @Path("override/{camera_id}/{stream_id}")
    public JsonObject clearOverride(@PathParam("camera_id") String cameraId, @PathParam("stream_id") String streamId) {
        return render(manager.clearOverride(CameraId.of(cameraId), Optional.of(StreamId.of(streamId))));
    }

    /** The session's status plus who wants the stream on: manual, continuous, schedule, event, buffer or none. */
    private JsonObject render(io.keyframe.recording.control.SessionStatus status) {
        return jakarta.json.Json.createObjectBuilder(StatusJson.render(status))
                .add("wanted_by", manager.wantedBy(status.cameraId(), status.streamId()).wire()).build();
    }
}
