package io.keyframe.recording.control;

/**
 * Where a {@link RecordingSession} reports each of its state changes for the record (the stream
 * state log behind the timeline). Implementations must not block: the session calls it while
 * holding its lock; a failed write is the implementation's to log, never the session's problem.
 */
public interface StateLog {

    /** A log that keeps nothing (unit tests, tools). */
    StateLog NONE = (target, change) -> { };

    void record(RecordingTarget target, StateChange change);
}
