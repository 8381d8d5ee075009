package io.keyframe.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Headers every answer carries, pages and API alike: scripts only from this server, plus, on a
 * page, the inline scripts carrying that page's nonce (no inline event handlers, no eval);
 * styles from this server and inline; no framing by another site (clickjacking), no content
 * sniffing, no referrer leaving the server, no plugins, forms post only to this server (and, in
 * {@code oidc} mode, redirect to the provider's end-session endpoint), and HSTS on HTTPS.
 *
 * <p>There is one Content-Security-Policy header, this filter's. On a page, PrimeFaces' CSP mode
 * ({@code primefaces.CSP} in web.xml) makes the nonce, writes it on every script it renders, moves
 * its components' {@code on*} attributes into a nonce'd script and adds a header of its own with
 * the nonce; the response wrapper below turns that addition into this policy with PrimeFaces'
 * nonce, replacing the header instead of adding a second one (two headers would both be enforced).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

    static final String HEADER = "Content-Security-Policy";
    static final String SCRIPTS = "script-src 'self'";
    /** Without a nonce (API answers, files, redirects): no inline script runs at all. */
    static final String CSP = SCRIPTS + "; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; object-src 'none';"
            + " base-uri 'self'; form-action 'self'";
    /** A nonce as PrimeFaces makes them (base64 of a random UUID); nothing else is copied into the header. */
    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/]{16,128}={0,2})'");
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

    /** The policy with {@code 'nonce-<nonce>'} added to script-src. */
    static String withNonce(String policy, String nonce) {
        return SCRIPTS + " 'nonce-" + nonce + "'" + policy.substring(SCRIPTS.length());
    }

    /**
     * What to send when something further down (PrimeFaces) sets a CSP header {@code value}: this
     * policy, with the nonce {@code value} names if it names one in PrimeFaces' form.
     */
    static String replacing(String policy, String value) {
        Matcher nonce = value == null ? null : NONCE.matcher(value);
        return nonce != null && nonce.find() ? withNonce(policy, nonce.group(1)) : policy;
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
        response.setHeader(HEADER, policy);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        // only pages get PrimeFaces' own CSP header (with its nonce) to fold into this one; API
        // answers, files and page resources (scripts, styles: cached, answered 304) pass unwrapped,
        // because a 304 through the wrapper never ended over HTTP/2 (decisions.md)
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean page = path.startsWith("/ui/") && !path.contains("/jakarta.faces.resource/");
        chain.doFilter(request, page ? new OnePolicy(response, policy) : response);
    }

    /** Keeps one CSP header: a CSP header set or added downstream replaces it, as this policy plus its nonce. */
    static final class OnePolicy extends HttpServletResponseWrapper {

        private final String policy;

        OnePolicy(HttpServletResponse response, String policy) {
            super(response);
            this.policy = policy;
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, HEADER.equalsIgnoreCase(name) ? replacing(policy, value) : value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (HEADER.equalsIgnoreCase(name)) {
                super.setHeader(HEADER, replacing(policy, value));
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
