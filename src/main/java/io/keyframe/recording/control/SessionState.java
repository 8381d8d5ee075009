package io.keyframe.recording.control;

/** Where a stream's recording session is. */
public enum SessionState {
    /** Not recording and not meant to. */
    STOPPED,
    /** Meant to record; the first connection is being made. */
    CONNECTING,
    /** Media arrives and is written to files. */
    RECORDING,
    /** Meant to record; the connection was lost and is being made again with backoff. */
    RECONNECTING,
    /** Meant to record, but several attempts in a row failed; retries go on at the longest backoff. */
    FAILED
}
