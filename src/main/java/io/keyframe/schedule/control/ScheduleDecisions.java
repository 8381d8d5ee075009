package io.keyframe.schedule.control;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.recording.control.ScheduleCheck;
import io.keyframe.recording.control.StreamManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The schedule as the {@link StreamManager} asks for it, and the switch when a schedule changes:
 * the streams of that camera are decided again at once, not at the next timer tick.
 */
@ApplicationScoped
public class ScheduleDecisions implements ScheduleCheck {

    @Inject
    ScheduleStore store;

    @Inject
    StreamManager manager;

    @Override
    public boolean isOn(String cameraId, Instant now) {
        return store.schedule(cameraId).map(s -> s.isOn(now)).orElse(false);
    }

    void onChange(@Observes ScheduleChanged changed) {
        manager.evaluate(CameraId.of(changed.cameraId()), "schedule changed");
    }
}
