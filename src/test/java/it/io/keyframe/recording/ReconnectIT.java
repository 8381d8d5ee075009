package it.io.keyframe.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A camera that goes away for 20 s and comes back on the same URL. */
@ExtendWith(SharedServer.class)
class ReconnectIT {

    @Test
    void recordingResumesWithinFiveSecondsOfTheCamerasReturn(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        try (CameraSimulator camera = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start()) {
            assertEquals(201, api.post("/cameras", Api.camera("flaky", camera.url(Mount.H264), "continuous", null)).status());
            awaitState(api, "RECORDING", Duration.ofSeconds(30));
            Thread.sleep(8000);

            camera.stop();
            Instant gone = Instant.now();
            awaitState(api, "RECONNECTING", Duration.ofSeconds(15));
            Thread.sleep(Math.max(0, Duration.ofSeconds(20).minus(Duration.between(gone, Instant.now())).toMillis()));

            camera.start();
            Instant back = Instant.now();
            awaitState(api, "RECORDING", Duration.ofSeconds(15));
            Duration resumed = Duration.between(back, Instant.now());
            assertTrue(resumed.compareTo(Duration.ofSeconds(5)) <= 0, "recording again after " + resumed);
            Thread.sleep(3000);
            assertEquals(200, api.post("/recording/stop/flaky", null).status());

            JsonObject status = api.get("/recording/status/flaky").json();
            assertTrue(status.getInt("reconnects") >= 1, status.toString());
            List<String> states = status.getJsonArray("state_changes").stream()
                    .map(c -> c.asJsonObject().getString("to")).toList();
            int lost = states.indexOf("RECONNECTING");
            assertTrue(lost > 0 && states.subList(lost, states.size()).contains("RECORDING"), states.toString());

            // the outage shows as a gap between two segments
            List<JsonObject> rows = Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> RecordingIT.rows(api, "flaky"), r -> r.size() >= 2);
            long longestGap = 0;
            for (int i = 1; i < rows.size(); i++) {
                longestGap = Math.max(longestGap, Duration.between(Instant.parse(rows.get(i - 1).getString("end_time")),
                        Instant.parse(rows.get(i).getString("start_time"))).toSeconds());
            }
            assertTrue(longestGap >= 15 && longestGap <= 30, "gap of " + longestGap + " s in " + rows);
        } finally {
            api.delete("/cameras/flaky");
        }
    }

    static void awaitState(Api api, String state, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/recording/status/flaky").json().getString("state").equals(state));
    }
}
