package it.io.keyframe.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The file route never serves a byte from outside the recording root: hostile ids are 4xx, and
 * rows whose file_path leads out of the root (.., absolute, a symbolic link) are 404.
 */
@ExtendWith(SharedServer.class)
class SegmentFilePathSafetyIT {

    private static final String MARKER = "KEYFRAME-OUTSIDE-THE-ROOT-7f3a";
    private static KeyframeServer server;
    private static long goodId;
    private static final List<Long> hostileIds = new ArrayList<>();

    @BeforeAll
    static void rows(KeyframeServer shared) throws Exception {
        server = shared;
        Path root = server.recordingRoot();
        Path outside = root.getParent().resolve("outside-secret.mp4");
        Files.writeString(outside, MARKER);
        Path inside = Files.createDirectories(root.resolve("safetycam/2026/11/24/18"));
        Files.writeString(inside.resolve("camsafetycam_20261124T181000Z.mp4"), "inside the root");
        Files.createSymbolicLink(inside.resolve("camsafetycam_20261124T181006Z.mp4"), outside);
        goodId = insert("safetycam/2026/11/24/18/camsafetycam_20261124T181000Z.mp4");
        hostileIds.add(insert("safetycam/2026/11/24/18/camsafetycam_20261124T181006Z.mp4"));
        hostileIds.add(insert("../outside-secret.mp4"));
        hostileIds.add(insert("safetycam/../../outside-secret.mp4"));
        hostileIds.add(insert(outside.toString()));
        hostileIds.add(insert("/etc/passwd"));
    }

    private static long insert(String filePath) throws Exception {
        try (Connection db = server.database().connect(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO segment (camera_id, stream_id, start_time, end_time, duration_ms, file_path, size_bytes)"
                        + " VALUES ('safetycam', 'main', ?, ?, 6000, ?, 15) RETURNING id")) {
            Instant start = Instant.parse("2026-11-24T18:10:00Z").plusSeconds(6L * hostileIds.size());
            insert.setTimestamp(1, Timestamp.from(start));
            insert.setTimestamp(2, Timestamp.from(start.plusSeconds(6)));
            insert.setString(3, filePath);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    private static HttpResponse<byte[]> get(String rawPath) throws Exception {
        URI uri = URI.create(server.uri("/").toString().replaceAll("/$", "") + rawPath);
        // signed in: a refusal must come from the path checks, not from a missing sign-in
        return server.http().send(HttpRequest.newBuilder(uri).header("Authorization", server.authorization())
                        .timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertRefused(String rawPath) throws Exception {
        HttpResponse<byte[]> response = get(rawPath);
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, rawPath + " gave " + response.statusCode());
        assertFalse(body.contains(MARKER), rawPath + " leaked a file outside the root");
        assertFalse(body.contains("[recording]"), rawPath + " leaked the configuration file");
        assertFalse(body.contains("root:x:0:0"), rawPath + " leaked /etc/passwd");
    }

    @Test
    void theControlRowIsServed() throws Exception {
        HttpResponse<byte[]> response = get("/segments/" + goodId + "/file");
        assertEquals(200, response.statusCode());
        assertEquals("inside the root", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void hostileIdsAre4xx() throws Exception {
        for (String id : List.of("../" + goodId, "..%2f" + goodId, "%2e%2e", "%2e%2e%2f" + goodId, "..%2f..%2fkeyframe.toml",
                "%2e%2e%2f%2e%2e%2foutside-secret.mp4", "99999999999999999999999", "9223372036854775807",
                "9223372036854775808", "-1", "-" + goodId, "0", "00" + goodId, "1.5", "1e3", "%00", "abc", "%20" + goodId,
                goodId + "%00")) {
            assertRefused("/segments/" + id + "/file");
        }
        assertRefused("/segments/" + goodId + "/file/../../../keyframe.toml");
        assertRefused("/segments/" + goodId + "/../../outside-secret.mp4");
    }

    @Test
    void badIdsAreJson400s() throws Exception {
        for (String id : List.of("-1", "abc", "99999999999999999999999", "1.5")) {
            HttpResponse<byte[]> response = get("/segments/" + id + "/file");
            assertEquals(400, response.statusCode(), id);
            assertTrue(new String(response.body(), StandardCharsets.UTF_8).startsWith("{\"status\":400"), id);
        }
        assertEquals(404, get("/segments/9223372036854775807/file").statusCode());
    }

    @Test
    void rowsLeadingOutOfTheRootAre404() throws Exception {
        for (long id : hostileIds) {
            HttpResponse<byte[]> response = get("/segments/" + id + "/file");
            assertEquals(404, response.statusCode(), "row " + id);
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertFalse(body.contains(MARKER));
            assertFalse(body.contains(server.recordingRoot().getParent().toString()), "the path leaked: " + body);
            assertRefused("/segments/" + id + "/file");
        }
    }
}
