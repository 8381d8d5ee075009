package io.keyframe.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Throwaway probe of the security spike (issue 9): shows who the server thinks the caller is.
 * Remove it, or keep {@code whoami} for the UI's header, once every resource declares its roles.
 */
@Path("security")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SecurityProbeResource {

    @Context
    SecurityContext security;

    /** The caller's name, the Keyframe roles it holds and how it authenticated. */
    @GET
    @Path("whoami")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public JsonObject whoami() {
        return caller();
    }

    /** Allowed to admins only; changes nothing (a POST because real admin actions are POSTs). */
    @POST
    @Path("admin-only")
    @RolesAllowed(Roles.ADMIN)
    public JsonObject adminOnly() {
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
