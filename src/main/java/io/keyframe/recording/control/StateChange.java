package io.keyframe.recording.control;

import java.time.Instant;

/** One transition of a {@link RecordingSession}, kept (bounded) for status and health. */
public record StateChange(Instant at, SessionState from, SessionState to, String reason) {
}
