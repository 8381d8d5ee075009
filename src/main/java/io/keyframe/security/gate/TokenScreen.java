package io.keyframe.security.gate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a Bearer token may go on to Liberty's mpJwt: only a compact JWS whose header says
 * RS256 and whose signature verifies with one of the provider's current keys. Everything else is
 * refused here, because mpJwt (jose4j) quotes a token with a bad signature in full in its error
 * messages and FFDC incidents. Claims (issuer, audience, expiry, groups) stay mpJwt's job: its
 * messages for those name the claim, never the token.
 *
 * <p>Never logs, and no exception or verdict carries any part of the token.
 */
public final class TokenScreen {

    /** Longer tokens are refused unread (Keycloak's are 1-2 KB). */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    public enum Verdict {
        /** Signed with a current provider key: mpJwt decides the rest. */
        PASS,
        /** Not three base64url parts, or a header that is not a JSON object. */
        MALFORMED,
        /** A header algorithm other than RS256 (including {@code none}). */
        NOT_RS256,
        /** No provider key with the header's {@code kid}, even after fetching the keys again. */
        UNKNOWN_KEY,
        /** The signature does not verify. */
        BAD_SIGNATURE
    }

    /** The provider's signature keys. */
    public interface Keys {
        /** The keys for {@code kid} (all keys when kid is null); may fetch the key set again when none matches. */
        List<PublicKey> forKid(String kid);
    }

    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private final Keys keys;

    public TokenScreen(Keys keys) {
        this.keys = keys;
    }

    public Verdict check(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Verdict.MALFORMED;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            return Verdict.MALFORMED;
        }
        String header = token.substring(0, first);
        String payload = token.substring(first + 1, second);
        byte[] signature;
        Map<?, ?> headerJson;
        try {
            if (!isBase64Url(header) || !isBase64Url(payload) || payload.isEmpty()) {
                return Verdict.MALFORMED;
            }
            signature = B64URL.decode(token.substring(second + 1));
            Object parsed = TinyJson.parse(new String(B64URL.decode(header), StandardCharsets.UTF_8));
            if (!(parsed instanceof Map<?, ?> map)) {
                return Verdict.MALFORMED;
            }
            headerJson = map;
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (!"RS256".equals(headerJson.get("alg")) || headerJson.containsKey("crit")) {
            return Verdict.NOT_RS256;
        }
        if (signature.length == 0) {
            return Verdict.MALFORMED;
        }
        Object kid = headerJson.get("kid");
        if (kid != null && !(kid instanceof String)) {
            return Verdict.MALFORMED;
        }
        List<PublicKey> candidates = keys.forKid((String) kid);
        if (candidates.isEmpty()) {
            return Verdict.UNKNOWN_KEY;
        }
        byte[] signed = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        for (PublicKey key : candidates) {
            if (verifies(key, signed, signature)) {
                return Verdict.PASS;
            }
        }
        return Verdict.BAD_SIGNATURE;
    }

    private static boolean verifies(PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isBase64Url(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
