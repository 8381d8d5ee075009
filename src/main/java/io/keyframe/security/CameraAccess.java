package io.keyframe.security;

import com.ibm.websphere.security.auth.WSSubject;
import com.ibm.websphere.security.cred.WSCredential;
import io.keyframe.camera.entity.AccessGroups;
import io.keyframe.camera.entity.Camera;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import org.eclipse.microprofile.config.Config;

/**
 * Whether the caller may see a camera's footage. A camera without {@code access_groups} is for
 * every viewer; an admin sees every camera; otherwise the caller must be in one of the camera's
 * groups. With security {@code off} nobody signs in and every camera is open, as every route is.
 * The footage routes ask through {@link FootageFilter}; the pages ask before they show a camera.
 */
@ApplicationScoped
public class CameraAccess {

    private static final Logger LOG = Logger.getLogger(CameraAccess.class.getName());
    private static final String JSON_WEB_TOKEN = "org.eclipse.microprofile.jwt.JsonWebToken";

    /** Who is asking: its name (for messages), whether it sees everything, its group names. */
    public record Caller(String name, boolean unrestricted, Set<String> groups) {
        public static final Caller NOBODY = new Caller(null, false, Set.of());
    }

    @Inject
    Config config;

    @Inject
    HttpServletRequest request;

    /** The caller of the current HTTP request (API or page). */
    public Caller caller() {
        return caller(request.getUserPrincipal(), request::isUserInRole);
    }

    /** The caller with this principal (null: nobody signed in) and these roles. */
    public Caller caller(Principal principal, Predicate<String> inRole) {
        if (principal == null) {
            // no sign-in happens only with security off; in a secure mode a route never runs anonymously
            return securityOff() ? new Caller(null, true, Set.of()) : Caller.NOBODY;
        }
        if (inRole.test(Roles.ADMIN)) {
            return new Caller(principal.getName(), true, Set.of());
        }
        return new Caller(principal.getName(), false, groups(principal));
    }

    /** Whether {@code caller} may see the footage of {@code camera}. */
    public boolean maySee(Caller caller, Camera camera) {
        return maySee(caller, camera.accessGroups());
    }

    public static boolean maySee(Caller caller, AccessGroups groups) {
        return caller.unrestricted() || !groups.limited() || groups.admits(caller.groups());
    }

    /** Whether the current caller may see the footage of {@code camera}. */
    public boolean maySee(Camera camera) {
        return maySee(caller(), camera);
    }

    /**
     * The caller's group names: a MicroProfile JWT's {@code groups} claim, else the group ids of
     * Liberty's subject ({@code group:<realm>/<name>}). The JWT type exists only in {@code oidc}
     * mode (feature {@code mpJwt}), so it is read by reflection.
     */
    private static Set<String> groups(Principal principal) {
        Set<String> fromToken = jwtGroups(principal);
        if (fromToken != null) {
            return fromToken;
        }
        Set<String> names = new LinkedHashSet<>();
        try {
            Subject subject = WSSubject.getRunAsSubject();
            if (subject == null) {
                subject = WSSubject.getCallerSubject();
            }
            if (subject != null) {
                for (WSCredential credential : subject.getPublicCredentials(WSCredential.class)) {
                    names.addAll(CallerGroups.names(credential.getGroupIds(), credential.getRealmName()));
                }
            }
        } catch (Exception | LinkageError e) {
            // no groups: the caller sees the cameras that are not limited, nothing more
            LOG.log(Level.WARNING, "the groups of " + principal.getName() + " could not be read: " + e.getClass().getSimpleName());
        }
        return Set.copyOf(names);
    }

    private static Set<String> jwtGroups(Principal principal) {
        Class<?> token = jwtInterface(principal.getClass());
        if (token == null) {
            return null;
        }
        try {
            Method getGroups = token.getMethod("getGroups");
            Object groups = getGroups.invoke(principal);
            Set<String> names = new LinkedHashSet<>();
            if (groups instanceof Collection<?> collection) {
                collection.forEach(g -> names.add(String.valueOf(g)));
            }
            return Set.copyOf(names);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "the groups claim of " + principal.getName() + " could not be read: " + e.getClass().getSimpleName());
            return Set.of();
        }
    }

    private static Class<?> jwtInterface(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(JSON_WEB_TOKEN)) {
                    return i;
                }
                Class<?> inherited = jwtInterface(i);
                if (inherited != null) {
                    return inherited;
                }
            }
        }
        return null;
    }

    private boolean securityOff() {
        String mode = config.getOptionalValue(SecurityMode.VARIABLE, String.class).orElse(null);
        return SecurityMode.parse(mode) == SecurityMode.OFF;
    }
}
