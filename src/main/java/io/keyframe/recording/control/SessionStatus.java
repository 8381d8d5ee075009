package io.keyframe.recording.control;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import java.time.Instant;
import java.util.List;

/** A snapshot of one recording session. */
public record SessionStatus(CameraId cameraId, StreamId streamId, SessionState state, Instant since, boolean desired,
                            int reconnects, String lastError, String videoCodec, boolean audio,
                            Instant lastSegmentAt, List<StateChange> history) {

    public static SessionStatus stopped(CameraId camera, StreamId stream, Instant since) {
        return new SessionStatus(camera, stream, SessionState.STOPPED, since, false, 0, null, null, false, null, List.of());
    }
}
