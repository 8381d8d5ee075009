package it.io.keyframe.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Segments closed while the database is unreachable get their rows once it is back. */
@ExtendWith(SharedServer.class)
class DatabaseDownWhileRecordingIT {

    @Test
    void noSegmentIsLeftWithoutARow(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        try (CameraSimulator camera = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start()) {
            assertEquals(201, api.post("/cameras", Api.camera("dbdown", camera.url(Mount.H264), "continuous", null)).status());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.get("/recording/status/dbdown").json().getString("state").equals("RECORDING"));
            try {
                server.databaseProxy().cut();
                Thread.sleep(30_000);
            } finally {
                server.databaseProxy().restore();
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ready(server));
            assertEquals(200, api.post("/recording/stop/dbdown", null).status());

            Path dir = server.recordingRoot().resolve("dbdown");
            List<Path> files = RecordingIT.files(dir);
            assertTrue(files.size() >= 5, "30 s of 6 s segments: " + files);
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> RecordingIT.rows(api, "dbdown").size() == files.size());
            List<String> rowPaths = RecordingIT.rows(api, "dbdown").stream().map(r -> r.getString("file_path")).toList();
            List<String> filePaths = files.stream().map(f -> server.recordingRoot().relativize(f).toString()).toList();
            assertEquals(filePaths, rowPaths);
        } finally {
            api.delete("/cameras/dbdown");
        }
    }

    private static boolean ready(KeyframeServer server) {
        try {
            return server.get("/health/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
