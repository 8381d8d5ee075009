package io.keyframe.security.gate;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The provider's RSA signature keys from its JWKS document, fetched at the first use and again
 * when a token names a key id that is not known (key rotation), at most once per
 * {@code minRefresh}. A failed fetch keeps the keys already known.
 */
public final class JwksKeys implements TokenScreen.Keys {

    /** An unknown kid from a client must not make the gate hammer the provider. */
    public static final Duration DEFAULT_MIN_REFRESH = Duration.ofSeconds(30);

    private record Jwk(String kid, PublicKey key) {
    }

    private final Supplier<String> fetch;
    private final Duration minRefresh;
    private final Clock clock;
    private volatile List<Jwk> keys = List.of();
    private Instant lastFetch;

    public JwksKeys(Supplier<String> fetch, Duration minRefresh, Clock clock) {
        this.fetch = fetch;
        this.minRefresh = minRefresh;
        this.clock = clock;
    }

    /** Keys fetched over HTTP(S) from {@code jwksUri} with the JVM's default TLS settings. */
    public static JwksKeys fromUri(URI jwksUri, Duration minRefresh) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Supplier<String> fetch = () -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(jwksUri).timeout(Duration.ofSeconds(10))
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("JWKS " + jwksUri + " answered " + response.statusCode());
                }
                return response.body();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("JWKS " + jwksUri + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        };
        return new JwksKeys(fetch, minRefresh, Clock.systemUTC());
    }

    @Override
    public List<PublicKey> forKid(String kid) {
        List<PublicKey> found = matching(keys, kid);
        if (found.isEmpty() && refresh()) {
            found = matching(keys, kid);
        }
        return found;
    }

    /** Fetches the key set unless that happened less than minRefresh ago; true when it did and got keys. */
    synchronized boolean refresh() {
        Instant now = clock.instant();
        if (lastFetch != null && now.isBefore(lastFetch.plus(minRefresh))) {
            return false;
        }
        lastFetch = now;
        try {
            List<Jwk> fresh = parse(fetch.get());
            if (fresh.isEmpty()) {
                return false;
            }
            keys = fresh;
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<PublicKey> matching(List<Jwk> keys, String kid) {
        List<PublicKey> found = new ArrayList<>();
        for (Jwk jwk : keys) {
            if (kid == null || kid.equals(jwk.kid())) {
                found.add(jwk.key());
            }
        }
        return found;
    }

    /** The RSA signature keys of a JWKS document (others, and encryption keys, are skipped). */
    static List<Jwk> parse(String jwks) {
        Object document = TinyJson.parse(jwks);
        if (!(document instanceof Map<?, ?> root) || !(root.get("keys") instanceof List<?> list)) {
            throw new IllegalArgumentException("not a JWKS document");
        }
        List<Jwk> keys = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> jwk) || !"RSA".equals(jwk.get("kty"))
                    || jwk.get("use") != null && !"sig".equals(jwk.get("use"))
                    || jwk.get("alg") != null && !"RS256".equals(jwk.get("alg"))
                    || !(jwk.get("n") instanceof String n) || !(jwk.get("e") instanceof String e)) {
                continue;
            }
            try {
                Base64.Decoder b64 = Base64.getUrlDecoder();
                PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(new BigInteger(1, b64.decode(n)), new BigInteger(1, b64.decode(e))));
                keys.add(new Jwk(jwk.get("kid") instanceof String kid ? kid : null, key));
            } catch (GeneralSecurityException | IllegalArgumentException ex) {
                // a key this gate cannot use; mpJwt will not find a token signed with it valid either
            }
        }
        return List.copyOf(keys);
    }
}
