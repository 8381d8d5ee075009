package io.keyframe.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Headers every answer carries, pages and API alike: no framing by another site (clickjacking),
 * no content sniffing, no referrer leaving the server, no plugins, forms post only to this server
 * (and, in {@code oidc} mode, redirect to the provider's end-session endpoint), and HSTS on HTTPS. The policy does not restrict scripts yet: PrimeFaces renders inline scripts
 * (its CSP mode with nonces is the next step, see decisions.md).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    static final String CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
    static final String HSTS = "max-age=31536000";
    private static final long serialVersionUID = 1L;

    private String policy = CSP;

    /**
     * In {@code oidc} mode the Sign out form's answer redirects to the provider's end-session
     * endpoint, and browsers apply {@code form-action} to a form's redirects too (Chromium stayed
     * on the page without a word): that one origin is allowed as well.
     */
    @Override
    public void init() {
        Config config = ConfigProvider.getConfig();
        SecurityMode mode = SecurityMode.parse(config.getOptionalValue(SecurityMode.VARIABLE, String.class).orElse(null));
        if (mode == SecurityMode.OIDC) {
            policy = csp(origin(OidcSignOut.endSessionEndpoint(config)));
        }
    }

    /** The policy, with one more origin forms may be sent (or redirected) to when not null. */
    static String csp(String formTarget) {
        return formTarget == null ? CSP : CSP + " " + formTarget;
    }

    /** {@code scheme://host[:port]} of a URL, or null when it has none. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().replaceFirst("^.*@", "");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }
}
