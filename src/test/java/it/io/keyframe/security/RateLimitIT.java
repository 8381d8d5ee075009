package it.io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security {@code off}: the rate limit's key is the client address. A server with tiny limits
 * (3 downloads, 1 export a minute) answers 429 with Retry-After and the JSON error, and a client
 * from another loopback address still gets through.
 */
class RateLimitIT {

    static final String LIMITS = """

            [security]
            download_per_minute = 3
            export_per_minute = 1
            """;
    private static final String SEGMENT = "/segments/00000000-0000-0000-0000-000000000000";
    private static final String EXPORT = "/cameras/nocam/export?from=2026-01-01T00:00:00Z&to=2026-01-01T00:01:00Z";

    private static KeyframeServer server;

    @BeforeAll
    static void start() {
        // security off: no principal, so the buckets are per client address (RefusedAccessLocalIT
        // has them per signed-in user)
        server = new KeyframeServer(SharedServer.TOML + LIMITS).env("KEYFRAME_SECURITY", "off");
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void downloadsAreCountedPerRequestAcrossFileRenditionAndThumbnail() throws IOException {
        assertNotEquals(429, server.get(SEGMENT + "/file").statusCode());
        assertNotEquals(429, server.get(SEGMENT + "/rendition/h264").statusCode());
        assertNotEquals(429, server.get(SEGMENT + "/thumbnail").statusCode());
        HttpResponse<String> refused = server.get(SEGMENT + "/file");
        assertTooMany(refused);
        // other routes are not limited
        assertEquals(200, server.get("/cameras").statusCode());

        // another client address has its own bucket
        String other = rawGet("127.0.0.2", SEGMENT + "/file");
        assertTrue(!other.startsWith("HTTP/1.1 429"), other);
    }

    @Test
    void exportsHaveTheirOwnTightBucket() throws IOException {
        String first = rawGet("127.0.0.3", EXPORT);
        assertTrue(!first.startsWith("HTTP/1.1 429"), first);
        String second = rawGet("127.0.0.3", EXPORT);
        assertTrue(second.startsWith("HTTP/1.1 429"), second);
        assertTrue(second.toLowerCase().contains("\r\nretry-after: "), second);
        // one a minute: the next token is 60 s away at most
        int retry = Integer.parseInt(second.toLowerCase().split("\r\nretry-after: ")[1].split("\r\n")[0].trim());
        assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
        // a player's Range request for an export costs a download token, not an export one
        String ranged = rawGet("127.0.0.3", EXPORT, "Range: bytes=0-\r\n");
        assertTrue(!ranged.startsWith("HTTP/1.1 429"), ranged);
        // downloads of that client are not touched by its exports
        String download = rawGet("127.0.0.3", SEGMENT + "/file");
        assertTrue(!download.startsWith("HTTP/1.1 429"), download);
    }

    static void assertTooMany(HttpResponse<String> response) {
        assertEquals(429, response.statusCode(), response.body());
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        JsonObject error = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals(429, error.getInt("status"));
        assertTrue(error.getString("error").startsWith("too many requests"), response.body());
    }

    /** A GET from another loopback source address (java.net.http cannot bind one). */
    private static String rawGet(String fromAddress, String path) throws IOException {
        return rawGet(fromAddress, path, "");
    }

    private static String rawGet(String fromAddress, String path, String headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.uri("/").getPort()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
