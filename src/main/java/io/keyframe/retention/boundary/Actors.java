package io.keyframe.retention.boundary;

import jakarta.ws.rs.core.SecurityContext;

/** Who asked, for the audit log: the signed-in user's name, or {@code anonymous} while routes are open. */
final class Actors {

    private Actors() {
    }

    static String of(SecurityContext security) {
        if (security == null || security.getUserPrincipal() == null) {
            return "anonymous";
        }
        String name = security.getUserPrincipal().getName().replaceAll("[^A-Za-z0-9_.@-]", "_");
        return "user:" + (name.length() > 100 ? name.substring(0, 100) : name);
    }
}
