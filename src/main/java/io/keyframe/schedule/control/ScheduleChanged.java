package io.keyframe.schedule.control;

/**
 * CDI event fired after a camera's schedule was replaced (committed), so that whoever decides
 * whether the camera records re-evaluates at once instead of at its next timer.
 */
public record ScheduleChanged(String cameraId) {
}
