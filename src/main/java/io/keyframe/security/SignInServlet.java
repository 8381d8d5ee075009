package io.keyframe.security;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code POST /ui/sign-in}: {@link LocalSignIn} has checked the form's credentials; this sends the
 * browser on to the page it asked for (only ever a page of this server) or to the dashboard.
 * {@code POST /ui/sign-out} ends the session and shows the sign-in form again; in {@code oidc} mode it
 * ends the provider's session as well ({@link OidcSignOut}) and lands on {@code /ui/signed-out.xhtml}.
 */
@WebServlet(urlPatterns = {LocalSignIn.SIGN_IN, SignInServlet.SIGN_OUT})
public class SignInServlet extends HttpServlet {

    static final String SIGN_OUT = "/ui/sign-out";
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        if (path.equals(SIGN_OUT)) {
            Config config = ConfigProvider.getConfig();
            boolean oidc = SecurityMode.parse(config.getOptionalValue(SecurityMode.VARIABLE, String.class).orElse(null))
                    == SecurityMode.OIDC;
            // read before logout(): the ID token lives in the subject that logout() discards
            Optional<String> idToken = oidc ? OidcSignOut.rawIdToken() : Optional.empty();
            try {
                request.logout();
            } catch (jakarta.servlet.ServletException e) {
                // nothing more to end
            }
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.setHeader("Cache-Control", "no-store");
            if (oidc) {
                // end the provider's session too, or its SSO would sign the browser straight back in
                response.sendRedirect(OidcSignOut.endSessionUrl(OidcSignOut.endSessionEndpoint(config),
                        OidcSignOut.clientId(config), idToken, OidcSignOut.postLogoutRedirectUri(request.getScheme(),
                                request.getServerName(), request.getServerPort(), request.getContextPath())));
                return;
            }
            response.sendRedirect(request.getContextPath() + LocalSignIn.FORM + "?signed_out=true");
            return;
        }
        if (request.getUserPrincipal() == null) {
            response.sendRedirect(request.getContextPath() + LocalSignIn.FORM + "?failed=true");
            return;
        }
        HttpSession session = request.getSession(false);
        Object target = session == null ? null : session.getAttribute(LocalSignIn.TARGET);
        if (session != null) {
            session.removeAttribute(LocalSignIn.TARGET);
        }
        String next = target instanceof String t && t.startsWith("/ui/") && !t.startsWith("//") ? t : "/ui/dashboard.xhtml";
        response.sendRedirect(request.getContextPath() + next);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }
}
