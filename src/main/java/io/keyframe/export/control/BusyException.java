package io.keyframe.export.control;

import io.keyframe.platform.rest.ApiException;
import java.time.Duration;

/** Every slot for this kind of media job is taken: 503 with a {@code Retry-After}. */
public class BusyException extends ApiException {

    private final Duration retryAfter;

    public BusyException(String message, Duration retryAfter) {
        super(503, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
