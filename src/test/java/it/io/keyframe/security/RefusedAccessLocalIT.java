package it.io.keyframe.security;

import static it.io.keyframe.support.LocalUsers.ADMIN_PASSWORD;
import static it.io.keyframe.support.LocalUsers.KEYSTORE_PASSWORD;
import static it.io.keyframe.support.LocalUsers.OPERATOR_PASSWORD;
import static it.io.keyframe.support.LocalUsers.VIEWER_PASSWORD;
import static it.io.keyframe.security.OidcSecurityIT.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.LocalUsers;
import it.io.keyframe.support.SharedServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security {@code local}: the rate limit counts per user name (one user's burst leaves another
 * user alone), and every refused request (401, 403) leaves one log line with user name, route and
 * client address, never the password or the token.
 */
class RefusedAccessLocalIT {

    private static final String WRONG_PASSWORD = "wrong-Password-g5";
    private static final String TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJnLXRva2VuIn0.";
    private static final String FILE = "/segments/00000000-0000-0000-0000-000000000000/file";

    private static KeyframeServer server;

    @BeforeAll
    static void start() {
        server = LocalUsers.server(SharedServer.TOML + RateLimitIT.LIMITS);
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
            assertNoSecret(Files.readString(server.messagesLog()));
        } finally {
            server.close();
        }
    }

    @Test
    void eachUserHasHisOwnDownloadBucket() throws IOException {
        assertEquals(401, call("GET", FILE, null).statusCode(), "anonymous is refused");
        for (int i = 0; i < 3; i++) {
            assertNotEquals(429, call("GET", FILE, basic("viewer", VIEWER_PASSWORD)).statusCode(), "request " + i);
        }
        RateLimitIT.assertTooMany(call("GET", FILE, basic("viewer", VIEWER_PASSWORD)));
        // same client address, another user: untouched
        assertNotEquals(429, call("GET", FILE, basic("operator", OPERATOR_PASSWORD)).statusCode());
        assertNotEquals(429, call("GET", FILE, basic("admin", ADMIN_PASSWORD)).statusCode());
    }

    @Test
    void refusedRequestsAreLoggedWithoutSecrets() throws Exception {
        assertEquals(401, call("GET", "/security/whoami", basic("viewer", WRONG_PASSWORD)).statusCode());
        assertEquals(401, call("GET", "/cameras/failcam1", basic("nosuchuser", WRONG_PASSWORD)).statusCode());
        assertEquals(401, call("GET", "/cameras/failcam2", "Bearer " + TOKEN).statusCode());
        assertEquals(403, call("DELETE", "/cameras/failcam3", basic("viewer", VIEWER_PASSWORD)).statusCode());

        List<String> lines = refusedLines(4);
        assertTrue(has(lines, "401 GET /security/whoami user=viewer client=127.0.0.1"), String.join("\n", lines));
        assertTrue(has(lines, "401 GET /cameras/failcam1 user=nosuchuser client=127.0.0.1"), String.join("\n", lines));
        assertTrue(has(lines, "401 GET /cameras/failcam2 user=(bearer token) client=127.0.0.1"), String.join("\n", lines));
        assertTrue(has(lines, "403 DELETE /cameras/failcam3 user=viewer client=127.0.0.1"), String.join("\n", lines));
        assertNoSecret(Files.readString(server.messagesLog()));
    }

    private static boolean has(List<String> lines, String text) {
        return lines.stream().anyMatch(line -> line.contains("Access refused: " + text));
    }

    /** The log lines about failcam/whoami refusals, waiting a little for the log to be written. */
    private static List<String> refusedLines(int atLeast) throws Exception {
        List<String> lines = List.of();
        for (int i = 0; i < 50; i++) {
            lines = Files.readAllLines(server.messagesLog()).stream()
                    .filter(line -> line.contains("Access refused: ") && (line.contains("failcam") || line.contains("whoami")))
                    .toList();
            if (lines.size() >= atLeast) {
                break;
            }
            Thread.sleep(100);
        }
        return lines;
    }

    private static void assertNoSecret(String log) {
        for (String secret : List.of(ADMIN_PASSWORD, OPERATOR_PASSWORD, VIEWER_PASSWORD, KEYSTORE_PASSWORD, WRONG_PASSWORD,
                TOKEN, "eyJzdWIiOiJnLXRva2VuIn0")) {
            assertFalse(log.contains(secret), "a secret reached the server log");
        }
    }

    private static HttpResponse<String> call(String method, String path, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.send(request);
    }
}
