package io.keyframe.security;

import io.keyframe.platform.rest.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/**
 * The safety net behind {@link Footage}: a response carrying video or a picture from a route that
 * did not pass {@link FootageFilter} is replaced by a 500 and logged, so a footage route that
 * forgot the annotation fails in its first test instead of serving every camera to every viewer.
 */
@Provider
public class FootageResponseGuard implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(FootageResponseGuard.class.getName());

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (isFootage(response.getMediaType()) && response.getStatus() < 300 && request.getProperty(FootageFilter.CHECKED) == null) {
            LOG.severe("refused to send " + response.getMediaType() + " from " + request.getMethod() + " "
                    + request.getUriInfo().getRequestUri().getRawPath() + ": the route has no @Footage camera access check");
            Response error = ApiError.response(500, "this route sends footage without a camera access check");
            response.setStatus(500);
            response.getHeaders().clear();
            response.getHeaders().putSingle("Content-Type", MediaType.APPLICATION_JSON);
            response.setEntity(error.getEntity(), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /** Video, pictures and raw bytes: what a footage route sends. */
    static boolean isFootage(MediaType type) {
        if (type == null) {
            return false;
        }
        return type.getType().equalsIgnoreCase("video") || type.getType().equalsIgnoreCase("image")
                || type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE) && !type.isWildcardType() && !type.isWildcardSubtype();
    }
}
