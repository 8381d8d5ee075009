package io.keyframe.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * Sign-in of the local users ({@code KEYFRAME_SECURITY=local}; vetoed in the other modes by
 * {@link LocalSignInExtension}). One web module has one authentication mechanism, and the two
 * kinds of client want different things: the API answers an anonymous call with 401 and a Basic
 * challenge (scripts send {@code Authorization: Basic}); the operator pages send a browser to a
 * sign-in form and, once signed in, keep the user in the HTTP session ({@link AutoApplySession}).
 * Credentials are checked by the container's identity store, that is Liberty's basicRegistry.
 */
@ApplicationScoped
@AutoApplySession
public class LocalSignIn implements HttpAuthenticationMechanism {

    /** Where the sign-in form posts ({@link SignInServlet} sends the browser on). */
    public static final String SIGN_IN = "/ui/sign-in";
    public static final String FORM = "/ui/login.xhtml";
    /** Session attribute: the page asked for before signing in. */
    static final String TARGET = "io.keyframe.signin.target";
    private static final Logger LOG = Logger.getLogger(LocalSignIn.class.getName());

    @Inject
    IdentityStoreHandler identities;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String header = request.getHeader("Authorization");
        boolean basic = header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        boolean form = path.equals(SIGN_IN) && "POST".equals(request.getMethod());
        if ((basic || form) && !mayCarryPassword(request)) {
            // the password has crossed the network in clear already; refuse it so that nobody
            // comes to rely on it, and say where to go instead
            LOG.warning("sign-in refused: " + (basic ? "HTTP Basic" : "the sign-in form") + " over plain HTTP from "
                    + request.getRemoteAddr() + " for " + request.getMethod() + " " + path + " (only HTTPS or loopback)");
            return refuseCleartext(request, response, context, form);
        }
        if (basic) {
            String[] userAndPassword = decode(header.substring(6).trim());
            if (userAndPassword != null) {
                CredentialValidationResult result = identities.validate(
                        new UsernamePasswordCredential(userAndPassword[0], userAndPassword[1]));
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return context.notifyContainerAboutLogin(result);
                }
                LOG.warning("sign-in failed: user '" + printable(userAndPassword[0]) + "' (HTTP Basic) from "
                        + request.getRemoteAddr() + " for " + request.getMethod() + " " + path);
            }
            return challenge(response, context);
        }
        if (form) {
            String user = request.getParameter("username");
            String password = request.getParameter("password");
            if (user != null && password != null) {
                CredentialValidationResult result = identities.validate(new UsernamePasswordCredential(user, password));
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    // no session fixation; without a session (none yet, or it expired while the
                    // form was open) changeSessionId() throws, and a new session gets a new id anyway
                    if (request.getSession(false) != null) {
                        request.changeSessionId();
                    }
                    return context.notifyContainerAboutLogin(result);
                }
                LOG.warning("sign-in failed: user '" + printable(user) + "' (form) from " + request.getRemoteAddr());
            }
            return context.redirect(request.getContextPath() + FORM + "?failed=true");
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (path.startsWith("/ui/")) {
            if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
                // a page refreshing itself (the dashboard's poll) after its sign-in ended: a 302
                // would hand the sign-in form to the ajax handler as a broken partial response;
                // Faces' own redirect instruction makes the browser open the form instead
                return partialRedirect(response, request.getContextPath() + FORM);
            }
            if ("GET".equals(request.getMethod())) {
                String query = request.getQueryString();
                request.getSession().setAttribute(TARGET, path + (query == null ? "" : "?" + query));
            }
            return context.redirect(request.getContextPath() + FORM);
        }
        String accept = request.getHeader("Accept");
        if (path.equals("/") && accept != null && accept.contains("text/html")) {
            // a browser opening the server's address: to the pages (and their sign-in form), not a Basic dialog
            return context.redirect(request.getContextPath() + "/ui/");
        }
        return challenge(response, context);
    }

    /** Passwords travel only over TLS, or on loopback where they never leave the machine. */
    static boolean mayCarryPassword(HttpServletRequest request) {
        return request.isSecure() || isLoopback(request.getRemoteAddr());
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isEmpty() || !address.matches("[0-9a-fA-F:.%\\[\\]]+")) {
            return false; // only IP literals: never a name lookup
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static AuthenticationStatus refuseCleartext(HttpServletRequest request, HttpServletResponse response,
                                                        HttpMessageContext context, boolean form) {
        if (form) {
            return context.redirect(request.getContextPath() + FORM + "?https=required");
        }
        try {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.createObjectBuilder()
                    .add("error", "HTTP Basic is accepted only over HTTPS (or from this machine): use the HTTPS port")
                    .build().toString());
            response.flushBuffer();
        } catch (IOException e) {
            // the client is gone; nothing was accepted either way
        }
        // SEND_CONTINUE: the answer is complete (SEND_FAILURE would let the container write its own after it)
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static AuthenticationStatus partialRedirect(HttpServletResponse response, String url) {
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<partial-response><redirect url=\"" + url.replace("&", "&amp;").replace("\"", "&quot;")
                    + "\"/></partial-response>");
            response.flushBuffer();
        } catch (IOException e) {
            // the page is gone
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Keyframe\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }

    /** {@code user:password} from a Basic header, or null when it is not one. */
    static String[] decode(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return colon <= 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A user name as typed, safe for one log line. */
    static String printable(String user) {
        String cut = user.length() > 64 ? user.substring(0, 64) + "…" : user;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
