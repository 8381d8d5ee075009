package io.keyframe.recording.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Placeholder until the weekly schedule lands: no schedule is ever on. */
@ApplicationScoped
public class ScheduleCheckPending implements ScheduleCheck {

    @Override
    public boolean isOn(String cameraId, Instant now) {
        return false;
    }
}
