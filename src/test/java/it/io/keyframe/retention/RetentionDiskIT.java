package it.io.keyframe.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Disk-usage cleanup on a small dedicated filesystem (a 64 MiB tmpfs mounted for the test; the
 * tests run as root in CI): while a camera records, a foreign writer pushes usage over the
 * threshold; retention brings it back under, oldest footage first, and recording never fails.
 */
class RetentionDiskIT {

    private static final String CAMERA = "diskfull";
    private static final long SIZE = 64L * 1024 * 1024;

    @Test
    void aForeignWriterFillsTheDiskAndTheOldestFootageMakesRoom() throws Exception {
        Path mount = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tmpfs-");
        run("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", mount.toString());
        try {
            Path root = Files.createDirectories(mount.resolve("recordings"));
            try (CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15)
                    .bitrateKbps(1000).start();
                 KeyframeServer server = new KeyframeServer("""
                         segment_duration_secs = 2

                         [storage.cleanup]
                         enabled = true
                         max_retention_days = 30
                         max_disk_usage_percent = 50
                         hysteresis_percent = 1
                         check_interval_secs = 10
                         """, root).start()) {
                Api api = new Api(server);
                assertEquals(201, api.post("/cameras", Api.camera(CAMERA, cameras.url(Mount.H264), "continuous", null)).status());
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> footageBytes(server) >= 4_000_000);
                long footage = footageBytes(server);
                FileStore store = Files.getFileStore(root);
                long used = store.getTotalSpace() - store.getUnallocatedSpace();
                // over the threshold by a quarter of the footage: retention must delete some footage, not all
                long foreign = store.getTotalSpace() / 2 - used + footage / 4;
                System.out.printf("disk %d bytes, %d used, %d of footage; a foreign writer adds %d%n",
                        store.getTotalSpace(), used, footage, foreign);
                assertTrue(foreign > 0 && foreign < store.getUnallocatedSpace() - 10_000_000, "room for the test: " + foreign);
                Instant filled = Instant.now();
                fill(mount.resolve("foreign.bin"), foreign);

                Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200))
                        .until(() -> usedPercent(store) <= 50.0 && count(server, "SELECT count(*) FROM cleanup_audit"
                                + " WHERE reason = 'disk_usage' AND actor = 'timer'") > 0);
                System.out.printf("usage back to %.1f %% %d ms after the disk was filled%n", usedPercent(store),
                        Duration.between(filled, Instant.now()).toMillis());

                // oldest first: every deleted segment started before every remaining one
                long newestDeleted = count(server, "SELECT extract(epoch FROM max(segment_start)) * 1000 FROM cleanup_audit"
                        + " WHERE reason = 'disk_usage'");
                long oldestKept = count(server, "SELECT extract(epoch FROM min(start_time)) * 1000 FROM segment");
                assertTrue(count(server, "SELECT count(*) FROM segment") > 0, "some footage is kept (hysteresis, not a purge)");
                assertTrue(newestDeleted < oldestKept, "deleted up to " + newestDeleted + ", kept from " + oldestKept);
                assertEquals(0, count(server, "SELECT count(*) FROM cleanup_audit a JOIN segment s ON s.id = a.segment_id"),
                        "no audited segment still has a row");

                // recording went on: still RECORDING, new segments keep coming, and no write failed
                long rowsNow = count(server, "SELECT count(*) FROM segment");
                long lastId = count(server, "SELECT max(id) FROM segment");
                Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                        .until(() -> count(server, "SELECT count(*) FROM segment WHERE id > " + lastId) >= 2);
                assertEquals("RECORDING", api.get("/recording/status/" + CAMERA).json().getString("state"));
                assertTrue(rowsNow > 0);
                String log = Files.readString(server.messagesLog());
                assertFalse(log.contains("No space left"), "a write failed for lack of space");
                assertTrue(log.contains("reason=disk_usage"), "each deletion is logged");
            }
        } finally {
            run("umount", "-l", mount.toString());
            Files.deleteIfExists(mount);
        }
    }

    private static double usedPercent(FileStore store) throws IOException {
        long total = store.getTotalSpace();
        return 100.0 * (total - store.getUnallocatedSpace()) / total;
    }

    /** Writes {@code bytes} in 256 KiB pieces, a little at a time, like another program would. */
    private static void fill(Path file, long bytes) throws Exception {
        byte[] chunk = new byte[256 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
                Thread.sleep(20);
            }
        }
    }

    private static long footageBytes(KeyframeServer server) throws Exception {
        return count(server, "SELECT COALESCE(sum(size_bytes), 0) FROM segment WHERE camera_id = '" + CAMERA + "'");
    }

    private static long count(KeyframeServer server, String sql) throws Exception {
        try (Connection c = server.database().connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return (long) r.getDouble(1);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed (the test needs root): " + output);
    }
}
