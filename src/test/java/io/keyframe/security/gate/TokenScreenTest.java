package io.keyframe.security.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenScreenTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static KeyPair provider;
    private static KeyPair other;

    @BeforeAll
    static void keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        provider = generator.generateKeyPair();
        other = generator.generateKeyPair();
    }

    @Test
    void onlyRs256TokensSignedWithAProviderKeyPass() {
        AtomicInteger fetches = new AtomicInteger();
        TokenScreen screen = new TokenScreen(new JwksKeys(() -> {
            fetches.incrementAndGet();
            return jwks(Map.of("k1", provider));
        }, Duration.ofSeconds(30), Clock.systemUTC()));
        String header = "{\"alg\":\"RS256\",\"typ\" : \"JWT\",\"kid\" : \"k1\"}";
        String good = sign(header, "{\"sub\":\"a\",\"exp\":1}", provider);

        assertEquals(TokenScreen.Verdict.PASS, screen.check(good));
        // claims are mpJwt's business: an expired but authentic token passes
        assertEquals(TokenScreen.Verdict.PASS, screen.check(sign(header, "{\"exp\":0,\"iss\":\"elsewhere\"}", provider)));
        assertEquals(TokenScreen.Verdict.BAD_SIGNATURE, screen.check(sign(header, "{\"sub\":\"a\"}", other)));
        String[] parts = good.split("\\.");
        assertEquals(TokenScreen.Verdict.BAD_SIGNATURE, screen.check(parts[0] + "." + part("{\"sub\":\"admin\"}") + "." + parts[2]));
        assertEquals(TokenScreen.Verdict.BAD_SIGNATURE, screen.check(parts[0] + "." + parts[1] + "." + flip(parts[2])));
        assertEquals(TokenScreen.Verdict.NOT_RS256, screen.check(part("{\"alg\":\"none\"}") + "." + part("{}") + "."));
        assertEquals(TokenScreen.Verdict.NOT_RS256, screen.check(sign("{\"alg\":\"HS256\",\"kid\":\"k1\"}", "{}", provider)));
        assertEquals(TokenScreen.Verdict.NOT_RS256, screen.check(sign("{\"alg\":\"RS256\",\"kid\":\"k1\",\"crit\":[\"x\"]}", "{}", provider)));
        assertEquals(TokenScreen.Verdict.UNKNOWN_KEY, screen.check(sign("{\"alg\":\"RS256\",\"kid\":\"k9\"}", "{}", provider)));
        // no kid: any provider key may have signed it
        assertEquals(TokenScreen.Verdict.PASS, screen.check(sign("{\"alg\":\"RS256\"}", "{}", provider)));
        for (String malformed : List.of("", "garbage", "a.b", "a.b.c.d", parts[0] + ".." + parts[2], parts[0] + "." + parts[1] + ".",
                "e30." + parts[1] + "." + parts[2] + "=", "!!!." + parts[1] + "." + parts[2], part("[1]") + "." + parts[1] + "." + parts[2],
                part("{\"alg\":") + "." + parts[1] + "." + parts[2], "x".repeat(TokenScreen.MAX_TOKEN_LENGTH + 1))) {
            assertEquals(TokenScreen.Verdict.MALFORMED, screen.check(malformed), malformed.length() > 80 ? "long" : malformed);
        }
        assertEquals(TokenScreen.Verdict.MALFORMED, screen.check(null));
        // one fetch: the unknown kid came within minRefresh of it
        assertEquals(1, fetches.get());
    }

    @Test
    void keyRotationIsPickedUpButUnknownKidsDoNotHammerTheProvider() {
        AtomicReference<String> published = new AtomicReference<>(jwks(Map.of("k1", provider)));
        AtomicInteger fetches = new AtomicInteger();
        MutableClock clock = new MutableClock();
        TokenScreen screen = new TokenScreen(new JwksKeys(() -> {
            fetches.incrementAndGet();
            return published.get();
        }, Duration.ofSeconds(30), clock));
        assertEquals(TokenScreen.Verdict.PASS, screen.check(sign("{\"alg\":\"RS256\",\"kid\":\"k1\"}", "{}", provider)));
        assertEquals(1, fetches.get());

        String rotated = sign("{\"alg\":\"RS256\",\"kid\":\"k2\"}", "{}", other);
        published.set(jwks(Map.of("k1", provider, "k2", other)));
        // within 30 s of the last fetch the new kid is unknown, and nothing is fetched
        assertEquals(TokenScreen.Verdict.UNKNOWN_KEY, screen.check(rotated));
        assertEquals(1, fetches.get());
        clock.now = clock.now.plusSeconds(31);
        assertEquals(TokenScreen.Verdict.PASS, screen.check(rotated));
        assertEquals(2, fetches.get());
        for (int i = 0; i < 20; i++) {
            screen.check(sign("{\"alg\":\"RS256\",\"kid\":\"nope-" + i + "\"}", "{}", other));
        }
        assertEquals(2, fetches.get());
    }

    @Test
    void aFailedFetchKeepsTheKnownKeys() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        MutableClock clock = new MutableClock();
        TokenScreen screen = new TokenScreen(new JwksKeys(() -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return jwks(Map.of("k1", provider));
        }, Duration.ofSeconds(30), clock));
        String token = sign("{\"alg\":\"RS256\",\"kid\":\"k1\"}", "{}", provider);
        assertEquals(TokenScreen.Verdict.PASS, screen.check(token));
        failure.set(new IllegalStateException("provider down"));
        clock.now = clock.now.plusSeconds(60);
        assertEquals(TokenScreen.Verdict.UNKNOWN_KEY, screen.check(sign("{\"alg\":\"RS256\",\"kid\":\"k2\"}", "{}", other)));
        assertEquals(TokenScreen.Verdict.PASS, screen.check(token));
    }

    @Test
    void jwksParsingSkipsKeysThatCannotSignRs256() {
        RSAPublicKey key = (RSAPublicKey) provider.getPublic();
        String rsa = "\"kty\":\"RSA\",\"n\":\"" + b64(key.getModulus()) + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\"";
        String document = "{\"keys\":[{\"kid\":\"enc\",\"use\":\"enc\"," + rsa + "},{\"kid\":\"ps\",\"alg\":\"PS256\"," + rsa + "},"
                + "{\"kid\":\"ec\",\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"},{\"kid\":\"bad\",\"kty\":\"RSA\",\"n\":1,\"e\":\"AQAB\"},"
                + "{\"kid\":\"ok\",\"use\":\"sig\",\"alg\":\"RS256\"," + rsa + ",\"x5c\":[\"MIIC\\u002f\"]}]}";
        assertEquals(1, JwksKeys.parse(document).size());
        assertThrows(IllegalArgumentException.class, () -> JwksKeys.parse("{\"nokeys\":[]}"));
    }

    @Test
    void tinyJsonReadsWhatJwtHeadersAndJwksUseAndRefusesTheRest() {
        assertEquals(Map.of("a", List.of(1.0, true, false, "x\"\\/\n\u00e9"), "b", Map.of()),
                TinyJson.parse(" {\"a\" : [1, true, false, \"x\\\"\\\\\\/\\n\\u00e9\"], \"b\":{}} "));
        assertEquals(new ArrayList<>(java.util.Arrays.asList((Object) null)), TinyJson.parse("[null]"));
        for (String bad : List.of("", "{", "{\"a\"}", "{\"a\":1,}", "[1 2]", "\"\\q\"", "tru", "{} x", "\"a\u0001\"", "[".repeat(40))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TinyJson.parse(bad), bad);
            assertFalse(bad.length() > 2 && e.getMessage().contains(bad), "the message does not quote the input");
        }
        assertTrue(TinyJson.parse("-1.5e3") instanceof Double);
    }

    private static String sign(String header, String claims, KeyPair keys) {
        String input = part(header) + "." + part(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(Map<String, KeyPair> keys) {
        StringBuilder out = new StringBuilder("{\"keys\":[");
        keys.forEach((kid, pair) -> {
            RSAPublicKey key = (RSAPublicKey) pair.getPublic();
            if (out.charAt(out.length() - 1) != '[') {
                out.append(',');
            }
            out.append("{\"kid\":\"").append(kid).append("\",\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\"")
                    .append(b64(key.getModulus())).append("\",\"e\":\"").append(b64(key.getPublicExponent())).append("\"}");
        });
        return out.append("]}").toString();
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64.encodeToString(bytes);
    }

    private static String part(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String flip(String text) {
        int at = text.length() / 2;
        return text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
