package io.keyframe.gstreamer;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Helpers for RTSP URLs: credentials are kept out of URLs that reach pipelines and logs. */
final class RtspUrls {

    /** User name and password decoded from a URL's user information. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + ", ***]";
        }
    }

    private RtspUrls() {
    }

    /** {@code url} without {@code user:password@}; everything else (query included) stays as it was. */
    static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        String authority = url.getRawAuthority();
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        return URI.create(url.getScheme() + "://" + host + nullToEmpty(url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    /** {@code scheme://host:port/path}: no user information and no query (cameras put tokens there). */
    static String forLogs(URI url) {
        URI clean = withoutUserInfo(url);
        String authority = clean.getRawAuthority() == null ? "" : clean.getRawAuthority();
        return clean.getScheme() + "://" + authority + nullToEmpty(clean.getRawPath());
    }

    /** The percent-decoded user information of {@code url}, if it has any. */
    static Optional<Credentials> userInfo(URI url) {
        String raw = url.getRawUserInfo();
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        int colon = raw.indexOf(':');
        String user = percentDecode(colon < 0 ? raw : raw.substring(0, colon));
        String password = colon < 0 ? "" : percentDecode(raw.substring(colon + 1));
        return Optional.of(new Credentials(user, password));
    }

    /** RFC 3986 percent-decoding as UTF-8 ('+' stays '+'). */
    static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && hex(text, i + 1) >= 0 && hex(text, i + 2) >= 0) {
                bytes.write(hex(text, i + 1) * 16 + hex(text, i + 2));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(String text, int index) {
        return index < text.length() ? Character.digit(text.charAt(index), 16) : -1;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
