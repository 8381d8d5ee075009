package io.keyframe.export.control;

/** A media job failed or timed out; the message is for the log, not for clients. */
public class MediaJobException extends RuntimeException {

    public MediaJobException(String message) {
        super(message);
    }

    public MediaJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
