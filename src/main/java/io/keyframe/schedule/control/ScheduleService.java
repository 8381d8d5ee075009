package io.keyframe.schedule.control;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.schedule.control.ScheduleStore.CameraSchedule;
import io.keyframe.schedule.entity.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads and replaces camera schedules for the REST route and the operator page alike: a
 * replacement is stored in one transaction, then {@link ScheduleChanged} makes the camera's
 * streams be decided again at once.
 */
@ApplicationScoped
public class ScheduleService {

    private static final Logger LOG = Logger.getLogger(ScheduleService.class.getName());

    @Inject
    ScheduleStore store;

    @Inject
    Event<ScheduleChanged> changed;

    /** @throws ApiException 404 when there is no such camera */
    public CameraSchedule get(CameraId camera) {
        return store.find(camera.value()).orElseThrow(() -> ApiException.notFound("no camera " + camera));
    }

    /**
     * Replaces the camera's whole schedule and announces the change.
     *
     * @return the schedule as stored
     * @throws ApiException 404 when there is no such camera
     */
    public CameraSchedule replace(CameraId camera, Schedule schedule) {
        if (!store.replace(camera.value(), schedule)) {
            throw ApiException.notFound("no camera " + camera);
        }
        try {
            changed.fire(new ScheduleChanged(camera.value()));
        } catch (RuntimeException e) {
            // the schedule is stored: answer with it rather than an error
            LOG.log(Level.WARNING, "an observer of the schedule change of camera " + camera + " failed", e);
        }
        return get(camera);
    }
}
