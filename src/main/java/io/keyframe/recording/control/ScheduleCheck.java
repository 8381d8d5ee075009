package io.keyframe.recording.control;

import java.time.Instant;

/** Whether a camera's weekly schedule (with its dated exceptions, in its time zone) is on at an instant. */
public interface ScheduleCheck {

    boolean isOn(String cameraId, Instant now);
}
