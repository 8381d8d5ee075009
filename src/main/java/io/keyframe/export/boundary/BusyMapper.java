package io.keyframe.export.boundary;

import io.keyframe.export.control.BusyException;
import io.keyframe.platform.rest.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503 in the API's JSON error shape, with {@code Retry-After} in seconds. */
@Provider
public class BusyMapper implements ExceptionMapper<BusyException> {

    @Override
    public Response toResponse(BusyException e) {
        return Response.fromResponse(ApiError.response(e.status(), e.getMessage()))
                .header("Retry-After", Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }
}
