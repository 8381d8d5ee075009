package it.io.keyframe.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Hand-made JWTs for the token tests: signed RS256 with a given key, or not signed at all. */
final class TestTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    /** Claims like the provider's access token for a user in one group, valid for five minutes. */
    static JsonObjectBuilder claims(String issuer, String audience, String user, String group, Instant now) {
        return Json.createObjectBuilder()
                .add("iss", issuer)
                .add("aud", audience)
                .add("sub", UUID.randomUUID().toString())
                .add("preferred_username", user)
                .add("upn", user)
                .add("groups", Json.createArrayBuilder().add(group))
                .add("typ", "Bearer")
                .add("jti", UUID.randomUUID().toString())
                .add("iat", now.getEpochSecond())
                .add("exp", now.plusSeconds(300).getEpochSecond());
    }

    static String rs256(JsonObject claims, PrivateKey key, String kid) {
        String signingInput = part(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").add("kid", kid).build())
                + "." + part(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: header and claims, an empty signature. */
    static String unsigned(JsonObject claims) {
        return part(Json.createObjectBuilder().add("alg", "none").add("typ", "JWT").build()) + "." + part(claims) + ".";
    }

    /** The same token with other claims and the original signature. */
    static String withClaims(String jwt, JsonObject claims) {
        String[] parts = jwt.split("\\.");
        return parts[0] + "." + part(claims) + "." + parts[2];
    }

    static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(JsonObject json) {
        return B64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
