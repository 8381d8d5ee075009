package io.keyframe.camera.control;

import java.util.Locale;

/**
 * A "test connection" that found no usable stream. The message is for operators: it names the URL
 * without user information and query and never holds a password.
 */
public class ProbeFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why; {@link #wire()} is the {@code reason} of the JSON answer. */
    public enum Reason {
        UNREACHABLE, TIMEOUT, UNAUTHORIZED, NOT_FOUND, NO_VIDEO, UNSUPPORTED, BUSY, FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public ProbeFailure(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
