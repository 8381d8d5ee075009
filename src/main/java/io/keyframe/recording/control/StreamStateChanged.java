package io.keyframe.recording.control;

/** CDI event fired (asynchronously, never blocking a session) for every session state change. */
public record StreamStateChanged(String cameraId, String streamId, StateChange change) {
}
