package io.keyframe.schedule.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.platform.rest.Requests;
import io.keyframe.schedule.control.ScheduleService;
import io.keyframe.schedule.entity.Schedule;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * {@code GET/PUT /cameras/{camera_id}/schedule}: the weekly schedule with its exceptions, whether it
 * records now and its next changes. A PUT replaces the whole schedule.
 */
@Path("/cameras/{camera_id}/schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
public class ScheduleResource {

    @Inject
    ScheduleService schedules;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public JsonObject get(@PathParam("camera_id") String cameraId) {
        return ScheduleJson.render(schedules.get(CameraId.of(cameraId)), clock.instant());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject replace(@PathParam("camera_id") String cameraId, String body) {
        CameraId camera = CameraId.of(cameraId);
        Schedule schedule = ScheduleJson.parse(Requests.jsonObject(body), camera);
        return ScheduleJson.render(schedules.replace(camera, schedule), clock.instant());
    }
}
