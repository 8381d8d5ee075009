package io.keyframe.platform.rest;

import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code GET /}: a browser (asking for HTML) is sent to the operator pages; an API client gets
 * what this server is and where its parts live.
 */
@Path("/")
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class RootResource {

    /** Browsers name {@code text/html} in their Accept header; scripts and API clients do not. */
    @GET
    public Response index(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            return Response.seeOther(URI.create("/ui/")).build();
        }
        return Response.ok(description(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static JsonObject description() {
        return Json.createObjectBuilder()
                .add("name", "Keyframe")
                .add("description", "network video recorder for RTSP cameras")
                .add("ui", "/ui/")
                .add("health", "/health")
                .add("metrics", "/metrics")
                .add("openapi", "/openapi")
                .build();
    }
}
