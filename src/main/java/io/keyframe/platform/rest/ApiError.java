package io.keyframe.platform.rest;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one error shape of the API: {@code {"status": 400, "error": "..."}}. */
public final class ApiError {

    private ApiError() {
    }

    public static Response response(int status, String message) {
        var body = Json.createObjectBuilder()
                .add("status", status)
                .add("error", message == null ? "" : message)
                .build();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString()).build();
    }
}
