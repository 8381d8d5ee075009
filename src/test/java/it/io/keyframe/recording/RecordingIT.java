package it.io.keyframe.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.Media;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real recording: four simulated cameras (H.264, H.265, H.264 with AAC, H.264 behind a password
 * with {@code @ : /}) recorded at once into 6 s segments, stopped, and every file checked with
 * ffprobe against its row.
 */
@ExtendWith(SharedServer.class)
class RecordingIT {

    private static final String PASSWORD = "p@ss:w/rd";
    private static final double SEGMENT_SECS = 6.0;
    private static final double GOP_SECS = 1.0;
    private static CameraSimulator cameras;

    @BeforeAll
    static void cameras() {
        cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15)
                .credentials("camera", PASSWORD).start();
    }

    @AfterAll
    static void stopCameras() {
        cameras.close();
    }

    @Test
    void recordsEveryKindOfCameraIntoVerifiedSegmentsWithARowEach(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        Map<String, String> kinds = Map.of("rec264", cameras.url(Mount.H264), "rec265", cameras.url(Mount.H265),
                "recaac", cameras.url(Mount.H264_AAC), "recauth", cameras.url(Mount.AUTH));
        for (var camera : kinds.entrySet()) {
            String extra = camera.getKey().equals("recauth")
                    ? "\"username\": \"camera\", \"password\": " + Api.quote(PASSWORD) : null;
            assertEquals(201, api.post("/cameras", Api.camera(camera.getKey(), camera.getValue(), "off", extra)).status());
        }
        for (String id : kinds.keySet()) {
            var started = api.post("/recording/start/" + id, null);
            assertEquals(200, started.status(), started.body());
            assertTrue(started.json().getBoolean("desired"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                kinds.keySet().stream().allMatch(id -> api.get("/recording/status/" + id).json().getString("state").equals("RECORDING")));

        // starting again is a no-op: no second pipeline, no new state change
        int changes = api.get("/recording/status/rec264").json().getJsonArray("state_changes").size();
        assertEquals(200, api.post("/recording/start/rec264/main", null).status());
        assertEquals(changes, api.get("/recording/status/rec264").json().getJsonArray("state_changes").size());

        Thread.sleep(17_000);
        for (String id : kinds.keySet()) {
            var stopped = api.post("/recording/stop/" + id, null);
            assertEquals(200, stopped.status(), stopped.body());
            assertEquals("STOPPED", stopped.json().getString("state"));
        }

        for (String id : kinds.keySet()) {
            List<Path> files = files(server.recordingRoot().resolve(id));
            List<JsonObject> rows = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rows(api, id),
                    r -> r.size() == files.size() && !r.isEmpty());
            assertTrue(files.size() >= 2, id + ": " + files);
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                JsonObject row = rows.get(i);
                String relative = server.recordingRoot().relativize(file).toString();
                assertEquals(relative, row.getString("file_path"), "rows and files in the same order");
                assertTrue(relative.matches(id + "/\\d{4}/\\d{2}/\\d{2}/\\d{2}/cam" + id + "_\\d{8}T\\d{6}Z\\.mp4"), relative);
                assertEquals(Files.size(file), row.getJsonNumber("size_bytes").longValue());
                assertTrue(Media.moovBeforeMdat(file), file + ": " + Media.topLevelBoxes(file));
                assertTrue(Media.startsWithKeyframe(file), file + " does not start on a keyframe");
                double duration = Media.duration(file);
                if (i < files.size() - 1) {
                    assertTrue(Math.abs(duration - SEGMENT_SECS) <= GOP_SECS + 0.1,
                            file + " lasts " + duration + " s, target " + SEGMENT_SECS);
                }
                assertTrue(Math.abs(row.getJsonNumber("duration_ms").longValue() / 1000.0 - duration) < 0.2);
            }
            assertConsecutive(rows);
        }
        assertEquals("hevc", Media.videoCodec(files(server.recordingRoot().resolve("rec265")).get(0)));
        assertEquals("h264", Media.videoCodec(files(server.recordingRoot().resolve("rec264")).get(0)));
        assertTrue(Media.hasAudio(files(server.recordingRoot().resolve("recaac")).get(0), "aac"));

        // after stop nothing writes any more
        Map<Path, Long> sizes = new java.util.HashMap<>();
        for (String id : kinds.keySet()) {
            for (Path f : files(server.recordingRoot().resolve(id))) {
                sizes.put(f, Files.size(f));
            }
        }
        Thread.sleep(2500);
        for (var entry : sizes.entrySet()) {
            assertEquals(entry.getValue(), Files.size(entry.getKey()), entry.getKey() + " still grows after stop");
        }
        assertRowsWithinASecondOfTheirFiles(server);
        String camera = api.get("/cameras/recauth").body();
        assertFalse(camera.contains(PASSWORD), camera);
        assertTrue(camera.contains("\"has_password\":true"), camera);
    }

    /** Consecutive segments of one run follow each other without a hole of more than a frame or two. */
    private static void assertConsecutive(List<JsonObject> rows) {
        for (int i = 1; i < rows.size(); i++) {
            Instant previousEnd = Instant.parse(rows.get(i - 1).getString("end_time"));
            Instant start = Instant.parse(rows.get(i).getString("start_time"));
            long gapMillis = Duration.between(previousEnd, start).toMillis();
            assertTrue(Math.abs(gapMillis) < 600, "gap of " + gapMillis + " ms between " + rows.get(i - 1) + " and " + rows.get(i));
        }
    }

    /** A row is written within 1 s of its file being finalised (the file's last write). */
    private static void assertRowsWithinASecondOfTheirFiles(KeyframeServer server) throws Exception {
        long worst = 0;
        try (var db = server.database().connect(); var statement = db.createStatement();
             var rows = statement.executeQuery("SELECT file_path, created_at FROM segment WHERE camera_id LIKE 'rec%'")) {
            while (rows.next()) {
                Path file = server.recordingRoot().resolve(rows.getString(1));
                long closed = Files.getLastModifiedTime(file).toMillis();
                long written = rows.getTimestamp(2).getTime();
                worst = Math.max(worst, written - closed);
            }
        }
        System.out.println("segment close-to-row latency, worst: " + worst + " ms");
        assertTrue(worst < 1000, "a row came " + worst + " ms after its file was closed");
    }

    static List<JsonObject> rows(Api api, String camera) {
        return api.get("/cameras/" + camera + "/segments?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z")
                .json().getJsonArray("segments").stream().map(v -> v.asJsonObject()).toList();
    }

    static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
    }
}
