package it.io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.Keycloak;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * KEYFRAME_SECURITY=oidc: a refused Bearer token never lands in the server's logs. Liberty's mpJwt
 * quotes jose4j's exception text, which holds the whole compact token, in its error messages and
 * in an FFDC incident; a token for another audience is a valid credential elsewhere. Every file
 * under the server's logs directory (messages.log, console.log, trace, ffdc/) is searched for each
 * token, its payload and its signature after the server stopped; each refusal must still be one
 * line of {@code AccessRefusedLogFilter} naming the route.
 */
@ExtendWith(Keycloak.Shared.class)
class TokenLogIT {

    private static KeyframeServer server;
    private static Keycloak keycloak;
    /** What was sent, by case name: checked against the logs once the server stopped. */
    private static final Map<String, String> SENT = new LinkedHashMap<>();

    @BeforeAll
    static void start(Keycloak provider) {
        keycloak = provider;
        server = OidcSecurityIT.oidcServer(provider);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (server == null) {
            return;
        }
        try {
            server.stop();
            Path logs = server.messagesLog().getParent();
            keepLogs(logs);
            assertFalse(SENT.isEmpty(), "no token was sent");
            List<Path> files = logFiles(logs);
            assertTrue(files.contains(server.messagesLog()), "messages.log among " + files);
            List<String> leaks = new ArrayList<>();
            for (Path file : files) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                for (Map.Entry<String, String> sent : SENT.entrySet()) {
                    for (Map.Entry<String, String> part : secretParts(sent.getValue()).entrySet()) {
                        if (text.contains(part.getValue())) {
                            leaks.add(sent.getKey() + " (" + part.getKey() + ") in " + logs.relativize(file));
                        }
                    }
                }
            }
            assertEquals(List.of(), leaks, "tokens in the server's logs");
        } finally {
            server.close();
        }
    }

    @Test
    void refusedTokensAreLoggedAsOneLineWithoutTheToken() throws IOException {
        Instant now = Instant.now();
        String kid = keycloak.signingKid();
        String real = keycloak.passwordToken("operator1");
        JsonObject raised = Json.createObjectBuilder(Keycloak.claims(real))
                .add("groups", Json.createArrayBuilder().add("admin")).build();

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("expired", TestTokens.rs256(TestTokens.claims(keycloak.issuer(), Keycloak.AUDIENCE, "tokenlog", "viewer",
                now.minus(Duration.ofMinutes(30))).build(), keycloak.signingKey(), kid));
        refused.put("wrong-issuer", TestTokens.rs256(TestTokens.claims("http://127.0.0.1:1/realms/keyframe", Keycloak.AUDIENCE,
                "tokenlog", "viewer", now).build(), keycloak.signingKey(), kid));
        // a real token of the same realm for another client: a valid credential there
        String otherApp = keycloak.clientCredentialsToken(Keycloak.OTHER_CLIENT, Keycloak.OTHER_SECRET);
        assertFalse(Keycloak.claims(otherApp).containsKey("aud"), "other-app's token lacks Keyframe's audience");
        refused.put("other-audience", otherApp);
        refused.put("wrong-audience", TestTokens.rs256(TestTokens.claims(keycloak.issuer(), "someone-else", "tokenlog",
                "viewer", now).build(), keycloak.signingKey(), kid));
        refused.put("tampered-signature", tamperSignature(keycloak.passwordToken("viewer1")));
        refused.put("tampered-claims", TestTokens.withClaims(real, raised));
        // each with claims of its own (a fresh jti), so that a leak names the right case
        refused.put("other-key", TestTokens.rs256(good(now), TestTokens.otherKey(), kid));
        refused.put("unknown-kid", TestTokens.rs256(good(now), TestTokens.otherKey(), UUID.randomUUID().toString()));
        refused.put("alg-none", TestTokens.unsigned(good(now)));
        refused.put("garbage", "garbage-" + UUID.randomUUID());
        SENT.putAll(refused);

        for (Map.Entry<String, String> token : refused.entrySet()) {
            HttpResponse<String> response = call("/cameras/tokenlog-" + token.getKey(), token.getValue());
            assertEquals(401, response.statusCode(), token.getKey() + ": " + response.body());
            assertFalse(response.body().contains(token.getValue()), token.getKey() + ": the answer quotes the token");
        }

        // a page with a forged token: refused (or sent to sign in), and the token is not logged either
        String forgedForPage = TestTokens.rs256(good(now), TestTokens.otherKey(), kid);
        SENT.put("page-other-key", forgedForPage);
        HttpResponse<String> page = call("/ui/dashboard.xhtml", forgedForPage);
        assertTrue(page.statusCode() == 401 || page.statusCode() == 302, "page: " + page.statusCode());

        // the control: the same route family with a good token passes (so the refusals are the tokens' fault)
        String valid = keycloak.passwordToken("viewer1");
        SENT.put("valid", valid);
        HttpResponse<String> accepted = call("/cameras", valid);
        assertEquals(200, accepted.statusCode(), accepted.body());

        // each refusal is one line of AccessRefusedLogFilter (the log is flushed by then; wait briefly)
        for (String name : refused.keySet()) {
            String expected = "Access refused: 401 GET /cameras/tokenlog-" + name + " user=(bearer token) client=127.0.0.1";
            long lines = awaitLines(expected);
            assertEquals(1, lines, "lines '" + expected + "' in messages.log");
        }
    }

    private JsonObject good(Instant now) {
        return TestTokens.claims(keycloak.issuer(), Keycloak.AUDIENCE, "tokenlog", "viewer", now).build();
    }

    private static long awaitLines(String expected) throws IOException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            long count;
            try (Stream<String> lines = Files.lines(server.messagesLog(), StandardCharsets.ISO_8859_1)) {
                count = lines.filter(line -> line.contains(expected)).count();
            }
            if (count > 0 || Instant.now().isAfter(deadline)) {
                return count;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return count;
            }
        }
    }

    /** The parts of a token that must not be logged: all of it, its payload and its signature. */
    private static Map<String, String> secretParts(String token) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("whole", token);
        String[] split = token.split("\\.", -1);
        if (split.length == 3) {
            parts.put("payload", split[1]);
            if (!split[2].isEmpty()) {
                parts.put("signature", split[2]);
            }
        }
        return parts;
    }

    /** The same token with one character in the middle of its signature changed. */
    static String tamperSignature(String jwt) {
        int dot = jwt.lastIndexOf('.');
        int at = dot + (jwt.length() - dot) / 2;
        char replaced = jwt.charAt(at) == 'A' ? 'B' : 'A';
        return jwt.substring(0, at) + replaced + jwt.substring(at + 1);
    }

    private static List<Path> logFiles(Path logs) throws IOException {
        try (Stream<Path> paths = Files.walk(logs)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** A copy of the whole logs directory in target/it-logs/, for reading after a failed run. */
    private static void keepLogs(Path logs) {
        Path target = Path.of(System.getProperty("keyframe.build.dir", "target"), "it-logs", "TokenLogIT-logs").toAbsolutePath();
        try (Stream<Path> old = Files.exists(target) ? Files.walk(target) : Stream.empty()) {
            old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            for (Path file : logFiles(logs)) {
                Path copy = target.resolve(logs.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // best effort
        }
    }

    private static HttpResponse<String> call(String path, String token) throws IOException {
        return server.send(HttpRequest.newBuilder(server.uri(path)).GET()
                .header("Accept", "application/json").header("Authorization", "Bearer " + token));
    }
}
