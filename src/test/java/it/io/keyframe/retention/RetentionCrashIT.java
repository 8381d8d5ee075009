package it.io.keyframe.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.segment.control.SegmentPaths;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} in the middle of a deletion run, then start: no row without a file, no file
 * without a row, exactly one audit entry per deleted segment. Besides the real crash (timing
 * decides where it lands), rows are left {@code deleting} by hand with and without their files,
 * so both interrupted steps are finished at start-up, under their original reason and actor.
 */
class RetentionCrashIT {

    private static final String CAMERA = "crashdel";
    private static final int SEGMENTS = 6000;

    @Test
    void aDeletionRunKilledMidwayIsFinishedAtTheNextStart() throws Exception {
        try (KeyframeServer server = new KeyframeServer("""
                [storage.cleanup]
                enabled = false
                """).start()) {
            Api api = new Api(server);
            assertEquals(201, api.post("/cameras", Api.camera(CAMERA, "rtsp://127.0.0.1:9/none", "off", null)).status());
            Map<Long, Path> files = generate(server, SEGMENTS, Instant.now().minus(Duration.ofDays(30)));

            CompletableFuture<HttpResponse<String>> prune = server.http().sendAsync(server.request("/recording/prune/" + CAMERA + "?older_than_days=1").DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> count(server, "SELECT count(*) FROM cleanup_audit WHERE camera_id = '" + CAMERA + "'") > 0);
            server.kill();
            prune.handle((r, e) -> null).join();
            long auditedBeforeRestart = count(server, "SELECT count(*) FROM cleanup_audit WHERE camera_id = '" + CAMERA + "'");
            System.out.println("killed after " + auditedBeforeRestart + " of " + SEGMENTS + " deletions were audited, "
                    + count(server, "SELECT count(*) FROM segment WHERE state = 'deleting'") + " rows left deleting");

            // both interrupted steps, by hand: 40 rows marked; 20 of them lost their files already
            List<Long> marked = markByHand(server, 40);
            for (long id : marked.subList(0, 20)) {
                Files.deleteIfExists(files.get(id));
            }

            // and files that vanished behind the server's back: their rows go at the start, audited
            List<Long> vanished = readyIds(server, 5);
            for (long id : vanished) {
                Files.delete(files.get(id));
            }

            server.start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(server, "SELECT count(*) FROM segment WHERE state = 'deleting'") == 0);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(server, "SELECT count(*) FROM cleanup_audit WHERE reason = 'reconcile_missing_file'"
                            + " AND camera_id = '" + CAMERA + "'") == vanished.size());

            Map<Long, Integer> audits = audits(server);
            java.util.Set<Long> rows = rows(server);
            int kept = 0;
            for (Map.Entry<Long, Path> e : files.entrySet()) {
                boolean row = rows.contains(e.getKey());
                boolean file = Files.exists(e.getValue());
                assertEquals(row, file, "segment " + e.getKey() + ": row " + row + ", file " + file);
                assertEquals(row ? 0 : 1, audits.getOrDefault(e.getKey(), 0).intValue(), "audit entries of segment " + e.getKey());
                kept += row ? 1 : 0;
            }
            assertTrue(kept < SEGMENTS, "the run deleted something before the kill");
            try (Connection c = server.database().connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM cleanup_audit WHERE reason = 'retention_age' AND actor = 'timer'"
                         + " AND detail = 'finished after an interrupted run' AND segment_id IN ("
                         + marked.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow() + ")")) {
                r.next();
                assertEquals(40, r.getInt(1), "the hand-marked rows finished under their own reason and actor");
            }
            assertEquals(vanished.size(), count(server, "SELECT count(*) FROM cleanup_audit WHERE reason LIKE 'reconcile%'"
                    + " AND camera_id = '" + CAMERA + "'"), "the reconciler repaired only the files removed behind its back");
            // folders emptied by the deletions went with them (a batch cut by the kill may leave a few)
            long emptyFolders;
            try (java.util.stream.Stream<Path> walk = Files.walk(server.recordingRoot().resolve(CAMERA))) {
                emptyFolders = walk.filter(Files::isDirectory).filter(RetentionCrashIT::isEmpty).count();
            }
            assertTrue(emptyFolders <= 30, emptyFolders + " empty folders left behind");
        }
    }

    /** {@code n} small files in the recording layout, one row each, starting {@code at}, one per 3 minutes. */
    private static Map<Long, Path> generate(KeyframeServer server, int n, Instant at) throws Exception {
        Map<Long, Path> files = new HashMap<>();
        Path root = server.recordingRoot();
        byte[] content = new byte[2048];
        try (Connection c = server.database().connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO segment (camera_id, stream_id, start_time, end_time, duration_ms, file_path, size_bytes, video_codec)
                VALUES (?, 'main', ?, ?, 180000, ?, ?, 'h264') RETURNING id""")) {
            for (int i = 0; i < n; i++) {
                Instant start = at.plus(Duration.ofMinutes(3L * i)).truncatedTo(ChronoUnit.SECONDS);
                Path file = SegmentPaths.path(root, CameraId.of(CAMERA), StreamId.of("main"), true, start);
                Files.createDirectories(file.getParent());
                Files.write(file, content);
                s.setString(1, CAMERA);
                s.setTimestamp(2, Timestamp.from(start));
                s.setTimestamp(3, Timestamp.from(start.plus(Duration.ofMinutes(3))));
                s.setString(4, SegmentPaths.relative(root, file));
                s.setLong(5, content.length);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    files.put(r.getLong(1), file);
                }
            }
        }
        return files;
    }

    private static List<Long> readyIds(KeyframeServer server, int n) throws Exception {
        List<Long> ids = new java.util.ArrayList<>();
        try (Connection c = server.database().connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM segment WHERE camera_id = '" + CAMERA + "' AND state = 'ready'"
                     + " ORDER BY id LIMIT " + n)) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        assertEquals(n, ids.size());
        return ids;
    }

    private static List<Long> markByHand(KeyframeServer server, int n) throws Exception {
        try (Connection c = server.database().connect(); PreparedStatement s = c.prepareStatement("""
                UPDATE segment SET state = 'deleting', delete_reason = 'retention_age', delete_actor = 'timer'
                 WHERE id IN (SELECT id FROM segment WHERE camera_id = ? AND state = 'ready' ORDER BY id DESC LIMIT ?)
                RETURNING id""")) {
            s.setString(1, CAMERA);
            s.setInt(2, n);
            List<Long> ids = new java.util.ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
            assertEquals(n, ids.size());
            return ids;
        }
    }

    private static boolean isEmpty(Path dir) {
        try (java.util.stream.Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static java.util.Set<Long> rows(KeyframeServer server) throws Exception {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        try (Connection c = server.database().connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM segment WHERE camera_id = '" + CAMERA + "'")) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return ids;
    }

    private static Map<Long, Integer> audits(KeyframeServer server) throws Exception {
        Map<Long, Integer> counts = new HashMap<>();
        try (Connection c = server.database().connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT segment_id, count(*) FROM cleanup_audit WHERE camera_id = '" + CAMERA
                     + "' AND segment_id IS NOT NULL GROUP BY segment_id")) {
            while (r.next()) {
                counts.put(r.getLong(1), r.getInt(2));
            }
        }
        return counts;
    }

    private static long count(KeyframeServer server, String sql) throws Exception {
        try (Connection c = server.database().connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
