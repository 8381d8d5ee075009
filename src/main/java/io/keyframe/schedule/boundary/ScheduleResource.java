package io.keyframe.schedule.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.Requests;
import io.keyframe.schedule.control.ScheduleChanged;
import io.keyframe.schedule.control.ScheduleStore;
import io.keyframe.schedule.entity.Schedule;
import jakarta.enterprise.event.Event;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET/PUT /cameras/{camera_id}/schedule}: the weekly schedule with its exceptions, whether it
 * records now and its next changes. A PUT replaces the whole schedule.
 */
@Path("/cameras/{camera_id}/schedule")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    private static final Logger LOG = Logger.getLogger(ScheduleResource.class.getName());

    @Inject
    ScheduleStore store;

    @Inject
    Clock clock;

    @Inject
    Event<ScheduleChanged> changed;

    @GET
    public JsonObject get(@PathParam("camera_id") String cameraId) {
        return render(CameraId.of(cameraId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject replace(@PathParam("camera_id") String cameraId, String body) {
        CameraId camera = CameraId.of(cameraId);
        Schedule schedule = ScheduleJson.parse(Requests.jsonObject(body), camera);
        if (!store.replace(camera.value(), schedule)) {
            throw ApiException.notFound("no camera " + camera);
        }
        try {
            changed.fire(new ScheduleChanged(camera.value()));
        } catch (RuntimeException e) {
            // the schedule is stored: answer with it rather than a 500
            LOG.log(Level.WARNING, "an observer of the schedule change of camera " + camera + " failed", e);
        }
        return render(camera);
    }

    private JsonObject render(CameraId camera) {
        return ScheduleJson.render(store.find(camera.value())
                .orElseThrow(() -> ApiException.notFound("no camera " + camera)), clock.instant());
    }
}
