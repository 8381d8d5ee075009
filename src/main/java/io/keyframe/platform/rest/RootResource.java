package io.keyframe.platform.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /}: what this server is and where its parts live. */
@Path("/")
public class RootResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject index() {
        return Json.createObjectBuilder()
                .add("name", "Keyframe")
                .add("description", "network video recorder for RTSP cameras")
                .add("health", "/health")
                .add("metrics", "/metrics")
                .add("openapi", "/openapi")
                .build();
    }
}
