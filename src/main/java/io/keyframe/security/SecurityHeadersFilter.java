package io.keyframe.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every answer carries, pages and API alike: no framing by another site (clickjacking),
 * no content sniffing, no referrer leaving the server, no plugins, forms post only to this server,
 * and HSTS on HTTPS. The policy does not restrict scripts yet: PrimeFaces renders inline scripts
 * (its CSP mode with nonces is the next step, see decisions.md).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    static final String CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
    static final String HSTS = "max-age=31536000";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }
}
