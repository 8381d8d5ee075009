package io.keyframe.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * One log line per refused request (401 or 403): status, method, path, the user name if one was
 * given and the client address. Never the password, the token or the query string: of a Basic
 * header only the part before the colon is read, of a Bearer token nothing.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AccessRefusedLogFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(AccessRefusedLogFilter.class.getName());
    private static final int MAX_NAME = 64;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            if (status == 401 || status == 403) {
                LOG.info(line(status, request));
            }
        }
    }

    static String line(int status, HttpServletRequest request) {
        return "Access refused: " + status + " " + clean(request.getMethod(), 16) + " " + clean(request.getRequestURI(), 200)
                + " user=" + user(request) + " client=" + request.getRemoteAddr();
    }

    /** The signed-in name, else the name a Basic header claims, else "-" (or "bearer" for a token). */
    static String user(HttpServletRequest request) {
        if (request.getRemoteUser() != null) {
            return clean(request.getRemoteUser(), MAX_NAME);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return "-";
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basicUser(authorization.substring(6).trim());
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "(bearer token)";
        }
        return "(other credentials)";
    }

    static String basicUser(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "(malformed)";
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return "(malformed)";
        }
        return clean(decoded.substring(0, colon), MAX_NAME);
    }

    /** Printable characters only (no forged log lines), shortened. */
    static String clean(String text, int max) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f || Character.isWhitespace(c) ? '_' : c);
        }
        if (text.length() > max) {
            out.append('…');
        }
        return out.isEmpty() ? "-" : out.toString();
    }
}
