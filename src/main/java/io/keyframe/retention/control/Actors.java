package io.keyframe.retention.control;

import java.security.Principal;

/** Who asked, for the audit log and holds: the signed-in user's name, or {@code anonymous} while routes are open. */
public final class Actors {

    private Actors() {
    }

    public static String of(Principal principal) {
        if (principal == null || principal.getName() == null) {
            return "anonymous";
        }
        String name = principal.getName().replaceAll("[^A-Za-z0-9_.@-]", "_");
        return "user:" + (name.length() > 100 ? name.substring(0, 100) : name);
    }
}
