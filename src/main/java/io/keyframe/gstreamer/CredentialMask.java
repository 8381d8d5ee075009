package io.keyframe.gstreamer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that leaves the recorder (listener messages, logs): the user
 * information of any URL, and the password itself, plain or percent-encoded.
 */
final class CredentialMask {

    static final String MASK = "***";
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]*@");

    private final List<String> secrets = new ArrayList<>();

    /** A mask for {@code password}, which may be {@code null}. */
    CredentialMask(String password) {
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
            String encoded = percentEncode(password);
            if (!encoded.equals(password)) {
                secrets.add(encoded);
            }
        }
    }

    /** {@code text} without credentials; {@code null} becomes the empty string. */
    String mask(String text) {
        if (text == null) {
            return "";
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters. */
    static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
