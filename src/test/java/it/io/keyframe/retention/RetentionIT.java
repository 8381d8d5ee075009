package it.io.keyframe.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.segment.Footage;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Retention against a real server whose TOML sets the spec's {@code [storage.cleanup]} with a 10 s
 * interval: recorded segments whose rows and files are aged go with audit entries, newer ones stay;
 * a held segment survives the timer and prune; prune and its bad inputs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionIT {

    private static final String SUFFIX = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    private static final String CAMERA = "ret" + SUFFIX;

    private static CameraSimulator cameras;
    private static KeyframeServer server;
    private static Api api;
    private static List<JsonObject> recorded;

    @BeforeAll
    static void recordFootage() throws Exception {
        cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start();
        server = new KeyframeServer("""
                segment_duration_secs = 2

                [storage.cleanup]
                enabled = true
                max_retention_days = 2
                max_disk_usage_percent = 99
                check_interval_secs = 10
                safety_max_share_percent = 100
                """).start();
        api = new Api(server);
        Footage.camera(api, CAMERA, cameras.url(Mount.H264));
        recorded = Footage.record(api, CAMERA, 16, 6);
    }

    @AfterAll
    static void stopAll() {
        if (server != null) {
            server.close();
        }
        if (cameras != null) {
            cameras.close();
        }
    }

    @Test
    @Order(1)
    void theTimerDeletesAgedFootageWithAuditAndSparesNewerAndHeldSegments() throws Exception {
        JsonObject first = recorded.get(0);
        JsonObject second = recorded.get(1);
        JsonObject held = recorded.get(2);
        assertEquals(201, api.post("/segments/" + id(held) + "/hold", "{\"reason\": \"case 42\"}").status());
        age(List.of(id(first), id(second), id(held)), Duration.ofDays(5));

        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> audit(id(first)) != null && audit(id(second)) != null);
        for (JsonObject gone : List.of(first, second)) {
            String[] entry = audit(id(gone));
            assertEquals("retention_age", entry[0]);
            assertEquals("timer", entry[1]);
            assertEquals(gone.getString("file_path"), entry[2]);
            assertFalse(Files.exists(server.recordingRoot().resolve(gone.getString("file_path"))), "file deleted");
            assertFalse(rowExists(id(gone)), "row deleted");
        }
        // the held one and everything newer stay, files included
        for (JsonObject kept : recorded.subList(2, recorded.size())) {
            assertTrue(rowExists(id(kept)), "row of " + id(kept) + " kept");
            assertTrue(Files.exists(server.recordingRoot().resolve(kept.getString("file_path"))));
        }
        JsonObject heldRow = api.get("/holds?camera_id=" + CAMERA).json().getJsonArray("holds").getJsonObject(0);
        assertEquals(id(held), heldRow.getJsonArray("segment_ids").getJsonNumber(0).longValue());
        assertEquals("case 42", heldRow.getString("reason"));

        // the audit route lists them, and the timeline names the cause of the hole
        JsonObject auditList = api.get("/cleanup/audit?camera_id=" + CAMERA + "&reason=retention_age").json();
        assertTrue(auditList.getJsonArray("entries").size() >= 2, auditList.toString());
        Instant from = Instant.parse(first.getString("start_time")).minus(Duration.ofDays(5));
        Instant to = Instant.parse(second.getString("end_time")).minus(Duration.ofDays(5));
        JsonObject timeline = api.get("/cameras/" + CAMERA + "/timeline?from=" + from + "&to=" + to).json();
        assertEquals("deleted_by_retention", timeline.getJsonArray("gaps").getJsonObject(0).getString("cause"), timeline.toString());
        JsonObject status = api.get("/cleanup/status").json();
        assertEquals("timer", status.getJsonObject("last_run").getString("actor"), status.toString());
        assertEquals("UP", api.get("/health/ready").json().getString("status"));
    }

    @Test
    @Order(2)
    void pruneDeletesOlderFootageButNotHeldSegmentsAndRefusesBadInput() throws Exception {
        assertBad("/recording/prune/" + CAMERA, "older_than_days is required");
        for (String bad : List.of("-1", "1.5", "abc", "36501", "99999999999", "1e3")) {
            assertBad("/recording/prune/" + CAMERA + "?older_than_days=" + bad, "older_than_days");
        }
        assertBad("/recording/prune/" + CAMERA + "?older_than_days=1&dry_run=maybe", "dry_run");
        assertBad("/recording/prune/bad.id?older_than_days=1", "");
        Api.Reply unknown = api.delete("/recording/prune/nosuch" + SUFFIX + "?older_than_days=1");
        assertEquals(404, unknown.status(), unknown.body());

        JsonObject third = recorded.get(3);
        JsonObject held = recorded.get(4);
        assertEquals(201, api.post("/segments/" + id(held) + "/hold", null).status());
        // 36 hours back: older than 1 day, younger than the timer's 2 days
        age(List.of(id(third), id(held)), Duration.ofHours(36));

        JsonObject dry = api.delete("/recording/prune/" + CAMERA + "?older_than_days=1&dry_run=true").json();
        assertTrue(dry.getBoolean("dry_run"));
        assertEquals(1, dry.getInt("deleted_segments"), dry.toString());
        assertEquals(id(third), dry.getJsonArray("segment_ids").getJsonNumber(0).longValue());
        assertTrue(rowExists(id(third)), "a dry run deletes nothing");

        JsonObject pruned = api.delete("/recording/prune/" + CAMERA + "/main?older_than_days=1").json();
        assertEquals(1, pruned.getInt("deleted_segments"), pruned.toString());
        assertEquals(third.getJsonNumber("size_bytes").longValue(), pruned.getJsonNumber("freed_bytes").longValue());
        assertTrue(pruned.getInt("held_segments") >= 1, pruned.toString());
        assertFalse(rowExists(id(third)));
        assertFalse(Files.exists(server.recordingRoot().resolve(third.getString("file_path"))));
        assertEquals("manual", audit(id(third))[0]);
        assertEquals("user:admin", audit(id(third))[1], "the audit names who pruned");
        assertTrue(rowExists(id(held)), "the held segment survives prune");

        // released, it goes with the next prune
        assertEquals(204, api.delete("/segments/" + id(held) + "/hold").status());
        assertEquals(1, api.delete("/recording/prune/" + CAMERA + "?older_than_days=1").json().getInt("deleted_segments"));
        assertFalse(rowExists(id(held)));
    }

    @Test
    @Order(3)
    void aRangeHoldProtectsFootageUntilReleased() throws Exception {
        JsonObject segment = recorded.get(5);
        Instant start = Instant.parse(segment.getString("start_time"));
        Api.Reply bad = api.post("/cameras/" + CAMERA + "/holds", "{\"from\": \"" + start + "\"}");
        assertEquals(400, bad.status(), bad.body());
        assertEquals(400, api.post("/cameras/" + CAMERA + "/holds", "{\"from\": \"" + start + "\", \"to\": \"" + start
                + "\"}").status());
        assertEquals(404, api.post("/cameras/nosuch" + SUFFIX + "/holds", "{\"from\": \"2026-01-01T00:00:00Z\","
                + " \"to\": \"2026-01-02T00:00:00Z\"}").status());
        assertEquals(400, api.post("/segments/-1/hold", null).status());
        assertEquals(404, api.post("/segments/999999999/hold", null).status());
        Api.Reply badHold = api.delete("/holds/abc");
        assertEquals(400, badHold.status(), badHold.body());
        assertTrue(badHold.error().contains("hold id"), badHold.body());

        Api.Reply placed = api.post("/cameras/" + CAMERA + "/holds", "{\"from\": \"" + start.plusMillis(500) + "\", \"to\": \""
                + start.plusMillis(900) + "\", \"stream_id\": \"main\", \"reason\": \"incident 7\"}");
        assertEquals(201, placed.status(), placed.body());
        long holdId = placed.json().getJsonNumber("id").longValue();
        assertEquals(1, placed.json().getInt("segments_held"), placed.body());
        assertTrue(Footage.rows(api, CAMERA).stream().filter(r -> id(r) == id(segment)).findFirst().orElseThrow()
                .getBoolean("legal_hold"), "shown as held in the catalog");

        // the footage and its hold five days back in time, as if placed then
        age(List.of(id(segment)), Duration.ofDays(5));
        try (Connection c = server.database().connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE legal_hold SET start_time = start_time - interval '5 days', end_time = end_time - interval '5 days' WHERE id = ?")) {
            s.setLong(1, holdId);
            assertEquals(1, s.executeUpdate());
        }
        JsonObject pruned = api.delete("/recording/prune/" + CAMERA + "?older_than_days=1").json();
        assertEquals(0, pruned.getInt("deleted_segments"), pruned.toString());
        Thread.sleep(12_000); // a timer run too
        assertTrue(rowExists(id(segment)), "held by the range");

        assertEquals(204, api.delete("/holds/" + holdId).status());
        assertEquals(404, api.delete("/holds/" + holdId).status());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> !rowExists(id(segment)));
        assertEquals("retention_age", audit(id(segment))[0]);
    }

    private static void assertBad(String path, String message) {
        Api.Reply reply = api.delete(path);
        assertEquals(400, reply.status(), path + " -> " + reply.body());
        assertTrue(reply.error().contains(message), reply.body());
    }

    private static long id(JsonObject row) {
        return row.getJsonNumber("id").longValue();
    }

    /** Moves rows (and their files' times) back by {@code by}, as if recorded that long ago. */
    private static void age(List<Long> ids, Duration by) throws Exception {
        try (Connection c = server.database().connect();
             PreparedStatement s = c.prepareStatement("UPDATE segment SET start_time = start_time - make_interval(secs => ?),"
                     + " end_time = end_time - make_interval(secs => ?) WHERE id = ? RETURNING file_path, end_time")) {
            for (long id : ids) {
                s.setLong(1, by.toSeconds());
                s.setLong(2, by.toSeconds());
                s.setLong(3, id);
                try (ResultSet r = s.executeQuery()) {
                    assertTrue(r.next(), "row " + id);
                    Files.setLastModifiedTime(server.recordingRoot().resolve(r.getString(1)),
                            FileTime.from(r.getTimestamp(2).toInstant()));
                }
            }
        }
    }

    private static boolean rowExists(long id) throws Exception {
        try (Connection c = server.database().connect();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM segment WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** (reason, actor, file_path) of the audit entry of a deleted segment, or null. */
    static String[] audit(long segmentId) throws Exception {
        try (Connection c = server.database().connect();
             PreparedStatement s = c.prepareStatement("SELECT reason, actor, file_path FROM cleanup_audit WHERE segment_id = ?")) {
            s.setLong(1, segmentId);
            List<String[]> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
                }
            }
            assertTrue(rows.size() <= 1, "one audit entry per deleted segment, got " + rows.size());
            return rows.isEmpty() ? null : rows.get(0);
        }
    }
}
