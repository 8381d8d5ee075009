package io.keyframe.security;

import io.keyframe.platform.rest.ApiError;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;

/**
 * The per-principal rate limit of {@link RateLimited} resources: the key is the authenticated user
 * name, or the client address when nobody is signed in (security {@code off}). Runs after
 * authentication, so a signed-in caller is counted by name.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION + 100)
public class RateLimitFilter implements ContainerRequestFilter {

    static final int MAX_KEYS = 10_000;

    @Inject
    Config config;

    @Inject
    Clock clock;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    private RateLimiter downloads;
    private RateLimiter exports;

    @PostConstruct
    void init() {
        RateLimitSettings settings = RateLimitSettings.from(config);
        downloads = new RateLimiter(settings.downloadPerMinute(), MAX_KEYS, clock);
        exports = new RateLimiter(settings.exportPerMinute(), MAX_KEYS, clock);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> type = resource.getResourceClass();
        RateLimited limited = type == null ? null : type.getAnnotation(RateLimited.class);
        if (limited == null) {
            return;
        }
        // a Range request on an export is a player fetching (or seeking in) an export already asked
        // for: it costs a download token, so playback of an export is never starved by the tight bucket
        boolean export = limited.value() == RateLimited.Kind.EXPORT && request.getHeaderString("Range") == null;
        RateLimiter limiter = export ? exports : downloads;
        long retryAfter = limiter.acquire(principal(request));
        if (retryAfter > 0) {
            Response refused = ApiError.response(429, "too many requests: try again in " + retryAfter + " s");
            request.abortWith(Response.fromResponse(refused).header("Retry-After", Long.toString(retryAfter)).build());
        }
    }

    private String principal(ContainerRequestContext request) {
        Principal user = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        if (user != null && user.getName() != null) {
            return "user:" + user.getName();
        }
        return "address:" + servletRequest.getRemoteAddr();
    }
}
