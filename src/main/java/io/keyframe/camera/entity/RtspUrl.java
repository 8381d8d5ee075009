package io.keyframe.camera.entity;

import io.keyframe.platform.rest.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An RTSP URL split into the URL without user information and the credentials it carried
 * ({@code rtsp://user:p%40ss@host/path}). Error messages never repeat the URL: it may hold a
 * password.
 */
public record RtspUrl(URI withoutCredentials, String username, String password) {

    public static RtspUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("url is required");
        }
        if (raw.length() > 2048) {
            throw ApiException.badRequest("url must be at most 2048 characters");
        }
        String value = raw.trim();
        String lower = value.toLowerCase();
        if (!lower.startsWith("rtsp://") && !lower.startsWith("rtsps://")) {
            throw ApiException.badRequest("url must start with rtsp:// or rtsps://");
        }
        int schemeEnd = value.indexOf("://") + 3;
        int pathStart = firstOf(value, schemeEnd, '/', '?', '#');
        String authority = value.substring(schemeEnd, pathStart);
        // the last '@' separates user information from the host: passwords may contain '@'
        int at = authority.lastIndexOf('@');
        String user = null;
        String pass = null;
        String hostPort = authority;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            hostPort = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            pass = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
        }
        String rest = value.substring(pathStart);
        URI uri;
        try {
            uri = new URI(value.substring(0, schemeEnd) + hostPort + rest);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("url is not a valid RTSP URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.badRequest("url must name a host");
        }
        return new RtspUrl(uri, user, pass);
    }

    private static int firstOf(String value, int from, char... stops) {
        int end = value.length();
        for (char stop : stops) {
            int index = value.indexOf(stop, from);
            if (index >= 0 && index < end) {
                end = index;
            }
        }
        return end;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("url has malformed percent-encoding in its user information");
        }
    }

    @Override
    public String toString() {
        return withoutCredentials.toString();
    }
}
