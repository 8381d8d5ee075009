package io.keyframe.retention.boundary;

import jakarta.ws.rs.core.SecurityContext;

/** Who asked a route, for the audit log ({@link io.keyframe.retention.control.Actors}). */
final class Actors {

    private Actors() {
    }

    static String of(SecurityContext security) {
        return io.keyframe.retention.control.Actors.of(security == null ? null : security.getUserPrincipal());
    }
}
