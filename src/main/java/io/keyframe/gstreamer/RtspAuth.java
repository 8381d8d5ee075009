package io.keyframe.gstreamer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers RTSP {@code WWW-Authenticate} challenges (RFC 2617 / 7616 as RTSP cameras use them):
 * Digest with MD5 (with or without {@code qop=auth}) is preferred, Basic otherwise.
 */
final class RtspAuth {

    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RtspAuth() {
    }

    /**
     * The {@code Authorization} header value answering one of {@code challenges}, or empty when
     * no challenge is of a supported scheme.
     */
    static Optional<String> authorization(List<String> challenges, String method, String uri, String user, String password) {
        for (String challenge : challenges) {
            if (scheme(challenge).equals("digest")) {
                Map<String, String> parameters = parameters(challenge);
                String algorithm = parameters.getOrDefault("algorithm", "MD5");
                if (algorithm.equalsIgnoreCase("MD5") && parameters.containsKey("nonce")) {
                    return Optional.of(digest(parameters, method, uri, user, password, cnonce()));
                }
            }
        }
        for (String challenge : challenges) {
            if (scheme(challenge).equals("basic")) {
                return Optional.of(basic(user, password));
            }
        }
        return Optional.empty();
    }

    /** {@code Basic base64(user:password)}. */
    static String basic(String user, String password) {
        String pair = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The Digest header value for a challenge's parameters. */
    static String digest(Map<String, String> challenge, String method, String uri, String user, String password, String cnonce) {
        String realm = challenge.getOrDefault("realm", "");
        String nonce = challenge.get("nonce");
        boolean qopAuth = List.of(challenge.getOrDefault("qop", "").toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth");
        String nc = "00000001";
        String response = digestResponse(user, realm, password, method, uri, nonce, qopAuth ? nc : null, cnonce);
        StringBuilder header = new StringBuilder("Digest username=\"").append(quoted(user))
                .append("\", realm=\"").append(quoted(realm))
                .append("\", nonce=\"").append(quoted(nonce))
                .append("\", uri=\"").append(quoted(uri))
                .append("\", response=\"").append(response).append('"');
        if (challenge.containsKey("opaque")) {
            header.append(", opaque=\"").append(quoted(challenge.get("opaque"))).append('"');
        }
        if (qopAuth) {
            header.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (challenge.containsKey("algorithm")) {
            header.append(", algorithm=MD5");
        }
        return header.toString();
    }

    /**
     * {@code MD5(HA1:nonce:HA2)}, or {@code MD5(HA1:nonce:nc:cnonce:auth:HA2)} when {@code nc} is
     * given (qop=auth); HA1 = MD5(user:realm:password), HA2 = MD5(method:uri).
     */
    static String digestResponse(String user, String realm, String password, String method, String uri,
                                 String nonce, String nc, String cnonce) {
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        return nc == null ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    /** The parameters of a challenge ({@code realm}, {@code nonce}...), names in lower case. */
    static Map<String, String> parameters(String challenge) {
        Map<String, String> parameters = new HashMap<>();
        int space = challenge.indexOf(' ');
        Matcher matcher = PARAMETER.matcher(space < 0 ? "" : challenge.substring(space + 1));
        while (matcher.find()) {
            String value = matcher.group(2) != null ? matcher.group(2).replaceAll("\\\\(.)", "$1") : matcher.group(3);
            parameters.putIfAbsent(matcher.group(1).toLowerCase(Locale.ROOT), value);
        }
        return parameters;
    }

    private static String scheme(String challenge) {
        String trimmed = challenge.trim();
        int space = trimmed.indexOf(' ');
        return (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String cnonce() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String md5(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
