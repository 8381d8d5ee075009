package io.keyframe.platform.rest;

import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure into the API's JSON error shape; unexpected ones become a bare 500. */
public final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    @Provider
    public static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return ApiError.response(e.status(), e.getMessage());
        }
    }

    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String message = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed on this resource";
                case 406 -> "not acceptable: this resource answers application/json";
                case 415 -> "unsupported media type: send application/json";
                default -> e.getResponse().getStatusInfo().getReasonPhrase();
            };
            return ApiError.response(status, message);
        }
    }

    /** Malformed JSON bodies surface as processing or parsing errors: they are the caller's fault. */
    @Provider
    public static class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return ApiError.response(400, "malformed request body");
        }
    }

    @Provider
    public static class JsonParsingExceptionMapper implements ExceptionMapper<JsonParsingException> {
        @Override
        public Response toResponse(JsonParsingException e) {
            return ApiError.response(400, "malformed JSON");
        }
    }

    @Provider
    public static class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            LOG.log(Level.SEVERE, "unexpected error while serving a request", e);
            return ApiError.response(500, "internal error; see the server log");
        }
    }
}
