package io.keyframe.segment.control;

import io.keyframe.recording.control.SessionState;
import io.keyframe.recording.control.StateChange;
import java.util.Locale;

/**
 * Why a stream has no footage for a while, as the timeline reports it ({@link #json()} is the
 * value in the API).
 */
public enum GapCause {
    /** Recording was stopped: a stop request, the camera or stream removed. */
    STREAM_STOPPED,
    /** The camera refused, dropped or stopped sending the stream. */
    CAMERA_UNREACHABLE,
    /** The recording pipeline failed ({@code pipeline error: …}). */
    PIPELINE_ERROR,
    /** The server was stopped while the stream recorded. */
    SERVER_STOPPED,
    /** Outside the camera's recording schedule (reserved for the schedule feature; not yet produced). */
    SCHEDULE_OFF,
    /** The footage existed and was removed by retention. */
    DELETED_BY_RETENTION,
    /** Recording now: the file being written gets its row when it is finalised. */
    IN_PROGRESS,
    /** No record says why. */
    UNKNOWN;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether entering this change's state ends recording (a candidate cause of a gap). */
    static boolean endsRecording(StateChange change) {
        return change.to() == SessionState.STOPPED || change.to() == SessionState.RECONNECTING
                || change.to() == SessionState.FAILED;
    }

    /** The cause a state change that ended recording stands for, from its state and reason. */
    static GapCause of(StateChange change) {
        String reason = change.reason() == null ? "" : change.reason();
        if (reason.startsWith("pipeline error")) {
            return PIPELINE_ERROR;
        }
        if (reason.equals("camera unreachable") || reason.equals("camera ended the stream")
                || reason.startsWith("stalled") || reason.startsWith("no media within") || reason.startsWith("connect failed")) {
            return CAMERA_UNREACHABLE;
        }
        if (change.to() == SessionState.STOPPED) {
            return switch (reason) {
                case "stop requested", "camera deleted", "stream removed", "settings changed", "no event" -> STREAM_STOPPED;
                case "schedule off" -> SCHEDULE_OFF;
                case "server stopping" -> SERVER_STOPPED;
                default -> UNKNOWN;
            };
        }
        return UNKNOWN;
    }
}
