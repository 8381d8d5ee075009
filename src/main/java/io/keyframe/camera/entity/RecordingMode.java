package io.keyframe.camera.entity;

import io.keyframe.platform.rest.ApiException;
import java.util.Arrays;

/** How a camera records: always, only around events, on its weekly schedule, or not at all. */
public enum RecordingMode {
    CONTINUOUS, EVENTS, SCHEDULED, OFF;

    public String wire() {
        return name().toLowerCase();
    }

    public static RecordingMode parse(String value) {
        return Arrays.stream(values()).filter(m -> m.wire().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest(
                        "recording_mode must be one of continuous, events, scheduled, off"));
    }
}
