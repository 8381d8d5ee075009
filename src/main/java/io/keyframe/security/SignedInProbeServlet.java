package io.keyframe.security;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Throwaway probe of the security spike (issue 9): a page under /ui/ that needs a role, so that
 * the browser sign-in can be tested before the Faces pages carry security constraints. The exact
 * mapping wins over the Faces servlet's {@code /ui/*}. Remove when web.xml protects /ui/*.
 */
@WebServlet("/ui/security/whoami")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN}))
public class SignedInProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder roles = new StringBuilder();
        for (String role : Roles.ALL) {
            if (request.isUserInRole(role)) {
                roles.append(roles.isEmpty() ? "" : " ").append(role);
            }
        }
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<!DOCTYPE html><html><head><title>Signed in · Keyframe</title></head><body>"
                + "<p>Signed in as <span id=\"user\">" + escape(request.getUserPrincipal().getName()) + "</span>"
                + " with roles <span id=\"roles\">" + roles + "</span>.</p></body></html>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
