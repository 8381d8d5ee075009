package io.keyframe.security;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.platform.rest.ApiError;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.Requests;
import io.keyframe.segment.control.SegmentStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;

/**
 * The one place where every {@link Footage} route checks the caller against the camera's
 * {@code access_groups}: the camera comes from the {@code camera_id} path parameter, or from the
 * segment row of the {@code id} path parameter (a primary-key lookup). Runs after the role check
 * (a caller without a role never gets here) and after the rate limit ({@link RateLimitFilter}), so
 * that refused and malformed footage requests (probing ids or cameras) count against the caller's
 * bucket like any other download. A refusal is
 * {@code 403 {"status":403,"error":"... camera <id> ..."}}, with no footage and no path.
 */
@Provider
@Footage(Footage.Source.CAMERA_ID) // name binding: the value does not matter for the binding
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION + 150)
public class FootageFilter implements ContainerRequestFilter {

    /** Request property set once the check passed: the camera id (or "-" for footage of no camera). */
    public static final String CHECKED = FootageFilter.class.getName() + ".checked";

    @Context
    ResourceInfo resource;

    @Inject
    CameraAccess access;

    @Inject
    CameraStore cameras;

    @Inject
    SegmentStore segments;

    @Override
    public void filter(ContainerRequestContext request) {
        Footage footage = annotation();
        if (footage == null) {
            // bound by name but no annotation found: cannot tell which camera, so nothing is served
            request.abortWith(ApiError.response(500, "this footage route names no camera"));
            return;
        }
        SecurityContext security = request.getSecurityContext();
        Principal principal = security == null ? null : security.getUserPrincipal();
        CameraAccess.Caller caller = access.caller(principal, role -> security != null && security.isUserInRole(role));
        if (caller == CameraAccess.Caller.NOBODY) {
            // nobody signed in while security is on: the role check answers 401 (RouteRolesTest: every route has roles)
            return;
        }
        String raw = request.getUriInfo().getPathParameters().getFirst(footage.value().pathParameter());
        try {
            Optional<String> refusal = footage.value() == Footage.Source.CAMERA_ID
                    ? checkCamera(caller, CameraId.of(raw))
                    : checkSegment(caller, Requests.id("a segment id", raw));
            if (refusal.isPresent()) {
                request.abortWith(ApiError.response(403, refusal.get()));
            } else {
                request.setProperty(CHECKED, Boolean.TRUE);
            }
        } catch (ApiException e) {
            request.abortWith(ApiError.response(e.status(), e.getMessage()));
        }
    }

    private Footage annotation() {
        Footage onMethod = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(Footage.class);
        if (onMethod != null) {
            return onMethod;
        }
        return resource.getResourceClass() == null ? null : resource.getResourceClass().getAnnotation(Footage.class);
    }

    private Optional<String> checkCamera(CameraAccess.Caller caller, CameraId id) {
        Optional<Camera> camera = cameras.find(id);
        if (camera.isEmpty()) {
            if (caller.unrestricted()) {
                return Optional.empty(); // the route answers its own 404
            }
            throw ApiException.notFound("no camera " + id);
        }
        return access.maySee(caller, camera.get()) ? Optional.empty() : Optional.of(refusal(caller, id.value()));
    }

    private Optional<String> checkSegment(CameraAccess.Caller caller, long segmentId) {
        Optional<String> cameraId = segments.cameraOf(segmentId);
        if (cameraId.isEmpty()) {
            return Optional.empty(); // no such segment: nothing to see, the route answers 404
        }
        Optional<Camera> camera = cameras.find(CameraId.of(cameraId.get()));
        if (camera.isEmpty()) {
            // footage left by a removed camera: its limit went with it, so only admins see it until retention removes it
            return caller.unrestricted() ? Optional.empty()
                    : Optional.of("camera " + cameraId.get() + " is no longer configured: only admins may see its footage");
        }
        return access.maySee(caller, camera.get()) ? Optional.empty() : Optional.of(refusal(caller, cameraId.get()));
    }

    private static String refusal(CameraAccess.Caller caller, String cameraId) {
        return "not allowed to see the footage of camera " + cameraId + ": it is limited to groups that " + caller.name() + " is not in";
    }
}
