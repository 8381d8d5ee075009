package io.keyframe.gstreamer;

/**
 * The camera could not be probed or offers nothing Keyframe can record. The message is meant
 * for operators and logs: it never holds credentials (URLs appear without user information
 * and query).
 */
public class StreamProbeException extends Exception {

    private static final long serialVersionUID = 1L;

    public StreamProbeException(String message) {
        super(message);
    }

    public StreamProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
