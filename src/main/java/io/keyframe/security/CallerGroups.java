package io.keyframe.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The plain group names of a caller from Liberty's group ids. Liberty's {@code WSCredential}
 * names groups {@code group:<realm>/<name>} (local users: the registry's realm; OpenID Connect and
 * MicroProfile JWT: the issuer, itself full of slashes). Pure, so it is unit-tested.
 */
public final class CallerGroups {

    private static final String PREFIX = "group:";

    private CallerGroups() {
    }

    /** The names of {@code groupIds}, whose realm is {@code realm} when known (null: unknown). */
    public static Set<String> names(Collection<?> groupIds, String realm) {
        Set<String> names = new LinkedHashSet<>();
        if (groupIds == null) {
            return names;
        }
        for (Object id : groupIds) {
            String name = id == null ? null : name(id.toString(), realm);
            if (name != null && !name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * {@code group:<realm>/<name>} → {@code <name>}. With the realm known, exactly what follows
     * {@code group:<realm>/}; otherwise what follows the last {@code /} (a realm may hold slashes, a
     * group name that a camera can be limited to never does). An id without the {@code group:}
     * prefix is taken as a plain name.
     */
    public static String name(String groupId, String realm) {
        if (groupId == null) {
            return null;
        }
        if (!groupId.startsWith(PREFIX)) {
            return groupId;
        }
        String rest = groupId.substring(PREFIX.length());
        if (realm != null && !realm.isEmpty() && rest.startsWith(realm + "/")) {
            return rest.substring(realm.length() + 1);
        }
        int slash = rest.lastIndexOf('/');
        return slash < 0 ? rest : rest.substring(slash + 1);
    }
}
