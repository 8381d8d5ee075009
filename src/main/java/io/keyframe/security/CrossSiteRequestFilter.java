package io.keyframe.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refuses a request that changes something (any method but GET, HEAD, OPTIONS) when the browser
 * says it was started by another site ({@code Sec-Fetch-Site: cross-site} or {@code same-site}).
 * The session cookie is SameSite=Lax and Faces posts need the session's view state, but a browser
 * also replays HTTP Basic credentials a user once typed into its dialog, on any site's form post:
 * this closes that door for the API (Frigate's CVE-2023-45670 was a cross-site POST). Scripts and
 * tools send no {@code Sec-Fetch-Site}; the operator pages send {@code same-origin}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class CrossSiteRequestFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(CrossSiteRequestFilter.class.getName());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OTHER_SITES = Set.of("cross-site", "same-site");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (refused(request.getMethod(), request.getHeader("Sec-Fetch-Site"))) {
            LOG.warning("refused a " + AccessRefusedLogFilter.line(HttpServletResponse.SC_FORBIDDEN, request).substring(
                    "Access refused: 403 ".length()) + " started by another site (Sec-Fetch-Site)");
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"status\":403,\"error\":\"a change started by another site is refused\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean refused(String method, String fetchSite) {
        return method != null && !SAFE_METHODS.contains(method.toUpperCase(java.util.Locale.ROOT))
                && fetchSite != null && OTHER_SITES.contains(fetchSite.trim().toLowerCase(java.util.Locale.ROOT));
    }
}
