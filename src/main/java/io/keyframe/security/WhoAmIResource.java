package io.keyframe.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * {@code GET /security/whoami}: who the server thinks the caller is (name, Keyframe roles, how it
 * authenticated, over TLS or not), for scripts and machine clients checking their credentials or
 * token before they act.
 */
@Path("security")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    @Context
    SecurityContext security;

    /** The caller's name, the Keyframe roles it holds and how it authenticated. */
    @GET
    @Path("whoami")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public JsonObject whoami() {
        return caller();
    }

    private JsonObject caller() {
        Principal principal = security.getUserPrincipal();
        JsonArrayBuilder roles = Json.createArrayBuilder();
        for (String role : Roles.ALL) {
            if (security.isUserInRole(role)) {
                roles.add(role);
            }
        }
        return Json.createObjectBuilder()
                .add("name", principal == null ? "" : principal.getName())
                .add("roles", roles)
                .add("auth_scheme", security.getAuthenticationScheme() == null ? "" : security.getAuthenticationScheme())
                .add("secure", security.isSecure())
                .build();
    }
}
