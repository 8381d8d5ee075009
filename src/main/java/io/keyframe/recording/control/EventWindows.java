package io.keyframe.recording.control;

import java.time.Instant;

/** Whether an event window ({@code [start − pre-roll, end + post-roll]}) covers a stream at an instant. */
public interface EventWindows {

    boolean covers(String cameraId, String streamId, Instant now);
}
