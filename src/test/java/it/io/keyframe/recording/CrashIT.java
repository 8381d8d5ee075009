package it.io.keyframe.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.Media;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the server in the middle of a segment: after the restart the partial file
 * plays, has a row, and lost at most 2 s; files and rows agree; recording resumes by itself.
 */
class CrashIT {

    @Test
    void aKilledServerLosesAtMostTwoSecondsAndReconcilesAtStart() throws Exception {
        try (CameraSimulator camera = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start();
             KeyframeServer server = new KeyframeServer("segment_duration_secs = 10\n").start()) {
            Api api = new Api(server);
            assertEquals(201, api.post("/cameras", Api.camera("crash", camera.url(Mount.H264), "continuous", null)).status());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.get("/recording/status/crash").json().getString("state").equals("RECORDING"));
            // into the second segment, well past its first moov update
            Thread.sleep(16_000);
            Instant killedAt = Instant.now();
            server.kill();
            List<Path> beforeRestart = RecordingIT.files(server.recordingRoot().resolve("crash"));
            Path partial = beforeRestart.get(beforeRestart.size() - 1);

            server.start();
            List<JsonObject> rows = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> RecordingIT.rows(api, "crash"),
                    r -> r.stream().anyMatch(row -> server.recordingRoot().resolve(row.getString("file_path")).equals(partial)));
            JsonObject partialRow = rows.stream()
                    .filter(row -> server.recordingRoot().resolve(row.getString("file_path")).equals(partial)).findFirst().orElseThrow();

            assertTrue(Media.moovBeforeMdat(partial), Media.topLevelBoxes(partial).toString());
            assertEquals("", Media.decodeErrors(partial), "the partial file decodes without error");
            Instant end = Instant.parse(partialRow.getString("start_time")).plusMillis(partialRow.getJsonNumber("duration_ms").longValue());
            Duration lost = Duration.between(end, killedAt);
            System.out.println("kill -9 lost " + lost.toMillis() + " ms of " + partial.getFileName());
            assertTrue(lost.toMillis() <= 2000, "lost " + lost.toMillis() + " ms");
            assertTrue(Math.abs(Media.duration(partial) * 1000 - partialRow.getJsonNumber("duration_ms").longValue()) < 200);

            // recording resumed by itself (the desired state survived)
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.get("/recording/status/crash").json().getString("state").equals("RECORDING"));
            Thread.sleep(4000);

            // a clean server stop ends the stream with EOS: the last file is finalised, nothing lost
            Instant stoppedAt = Instant.now();
            server.stop();
            List<Path> beforeCleanRestart = RecordingIT.files(server.recordingRoot().resolve("crash"));
            Path finalised = beforeCleanRestart.get(beforeCleanRestart.size() - 1);
            server.start();
            JsonObject finalisedRow = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> RecordingIT.rows(api, "crash").stream()
                            .filter(row -> server.recordingRoot().resolve(row.getString("file_path")).equals(finalised))
                            .findFirst(), java.util.Optional::isPresent).orElseThrow();
            Instant finalEnd = Instant.parse(finalisedRow.getString("start_time"))
                    .plusMillis(finalisedRow.getJsonNumber("duration_ms").longValue());
            long cleanLoss = Duration.between(finalEnd, stoppedAt).toMillis();
            System.out.println("clean stop lost " + cleanLoss + " ms of " + finalised.getFileName());
            assertTrue(cleanLoss < 500, "a clean stop lost " + cleanLoss + " ms");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.get("/recording/status/crash").json().getString("state").equals("RECORDING"));
            assertEquals(200, api.post("/recording/stop/crash", null).status());
            List<Path> files = RecordingIT.files(server.recordingRoot().resolve("crash"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RecordingIT.rows(api, "crash").size() == files.size());
            assertEquals(files.stream().map(f -> server.recordingRoot().relativize(f).toString()).toList(),
                    RecordingIT.rows(api, "crash").stream().map(r -> r.getString("file_path")).toList(),
                    "no file without a row, no row without a file");
            assertTrue(files.stream().allMatch(Files::isRegularFile));
        }
    }
}
