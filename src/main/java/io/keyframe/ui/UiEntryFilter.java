package io.keyframe.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /ui} and {@code /ui/} open the dashboard. The Faces servlet owns {@code /ui/*} but has no
 * page for the bare prefix; a redirect (303, so a reload does not repost) keeps the address honest.
 */
@WebFilter(urlPatterns = {"/ui", "/ui/"})
public class UiEntryFilter extends HttpFilter {

    static final String DASHBOARD = "/ui/dashboard.xhtml";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/ui") || path.equals("/ui/")) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + DASHBOARD);
            return;
        }
        chain.doFilter(request, response);
    }
}
