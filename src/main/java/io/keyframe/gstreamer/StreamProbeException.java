package io.keyframe.gstreamer;

/**
 * The camera could not be probed or offers nothing Keyframe can record. The message is meant
 * for operators and logs: it never holds credentials (URLs appear without user information
 * and query). The {@link Kind} says what went wrong, for callers that answer differently.
 */
public class StreamProbeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** Refused, unknown host, no route. */
        UNREACHABLE,
        /** No answer in time. */
        TIMEOUT,
        /** The camera wants credentials, or rejected the ones given (RTSP 401). */
        UNAUTHORIZED,
        /** No such stream on the camera (RTSP 404). */
        NOT_FOUND,
        /** The SDP has no video track. */
        NO_VIDEO,
        /** A codec, scheme or authentication Keyframe does not support. */
        UNSUPPORTED,
        /** Anything else: other answers, a dropped connection. */
        FAILED
    }

    private final Kind kind;

    public StreamProbeException(String message) {
        this(Kind.FAILED, message, null);
    }

    public StreamProbeException(String message, Throwable cause) {
        this(Kind.FAILED, message, cause);
    }

    public StreamProbeException(Kind kind, String message) {
        this(kind, message, null);
    }

    public StreamProbeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
