package io.keyframe.ui;

import io.keyframe.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * What the signed-in user may do on the pages. With security off every request is anonymous and
 * may do everything (as the API allows); otherwise the roles decide, as they do for the API. Page
 * beans check again before acting: a hidden button is no protection.
 */
@Named
@RequestScoped
public class UiAccess {

    public boolean isSignedIn() {
        return external().getUserPrincipal() != null;
    }

    public String getUser() {
        return isSignedIn() ? external().getUserPrincipal().getName() : null;
    }

    /** Start/stop, events, schedules. */
    public boolean isOperator() {
        return !isSignedIn() && securityOff() || in(Roles.OPERATOR) || in(Roles.ADMIN);
    }

    /** Cameras, retention, holds, audit. */
    public boolean isAdmin() {
        return !isSignedIn() && securityOff() || in(Roles.ADMIN);
    }

    /** Whether the page named may be opened (for the top bar). */
    public boolean mayOpen(String page) {
        return switch (page) {
            case "cameras", "storage" -> isAdmin();
            case "schedules" -> isOperator();
            default -> true;
        };
    }

    /** Refuses an operator action for a viewer: shows why and returns false. */
    public boolean requireOperator() {
        if (isOperator()) {
            return true;
        }
        UiActions.error("Only operators and admins may do this.");
        return false;
    }

    private boolean in(String role) {
        return external().isUserInRole(role);
    }

    /** No authentication happened and none is configured: {@code KEYFRAME_SECURITY=off}. */
    private static boolean securityOff() {
        String mode = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue(io.keyframe.security.SecurityMode.VARIABLE, String.class).orElse(null);
        return io.keyframe.security.SecurityMode.parse(mode) == io.keyframe.security.SecurityMode.OFF;
    }

    private static ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }
}
