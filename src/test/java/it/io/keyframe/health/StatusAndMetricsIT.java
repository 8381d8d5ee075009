package it.io.keyframe.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code /status/recording}, the health checks and the Prometheus metrics against a real server:
 * a simulated camera records, is stopped (the stream goes unhealthy with its error, reconnects
 * count, the cameras check names it while the server stays UP) and comes back.
 */
class StatusAndMetricsIT {

    private static final String CAMERA = "stat" + ThreadLocalRandom.current().nextInt(100_000, 999_999);

    @Test
    void aStoppedCameraShowsInStatusHealthAndMetricsAndRecovers() throws Exception {
        try (CameraSimulator sim = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start();
             KeyframeServer server = new KeyframeServer("segment_duration_secs = 2\nstall_timeout_secs = 3\n").start()) {
            Api api = new Api(server);
            assertEquals(201, api.post("/cameras", Api.camera(CAMERA, sim.url(Mount.H264), "continuous", null)).status());
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                    stream(api).getString("state").equals("RECORDING") && !stream(api).isNull("last_segment_at"));
            // pipeline statistics: packets arrive, none lost on loopback TCP, frames at the camera's rate
            JsonObject sampled = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(700))
                    .until(() -> stream(api), s -> s.getJsonNumber("packets_received").longValue() > 0
                            && s.getJsonNumber("fps").doubleValue() > 0);
            assertEquals(0, sampled.getJsonNumber("packets_lost").longValue(), sampled.toString());
            assertEquals(15.0, sampled.getJsonNumber("fps").doubleValue(), 3.0, sampled.toString());
            assertTrue(sampled.getJsonNumber("bitrate_bps").longValue() > 10_000, sampled.toString());
            Awaitility.await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> value(metrics(server), "keyframe_stream_packets_received_total", CAMERA) > 0);
            // every metric the shipped Grafana dashboard charts exists (cleanup counters appear with the first deletion)
            String exported = metrics(server);
            Matcher names = Pattern.compile("keyframe_[a-z_]+").matcher(
                    java.nio.file.Files.readString(java.nio.file.Path.of("src/docs/grafana/keyframe-dashboard.json")));
            while (names.find()) {
                if (!names.group().startsWith("keyframe_cleanup_")) {
                    assertTrue(exported.contains(names.group()), names.group() + " is charted but not exported");
                }
            }
            // Keyframe's own series; the base and vendor scopes keep MicroProfile's camelCase names (see decisions.md)
            promtoolAccepts(metrics(server));
            JsonObject healthy = stream(api);
            assertTrue(healthy.getBoolean("healthy"), healthy.toString());
            assertEquals("continuous", healthy.getString("wanted_by"));

            String metrics = metrics(server);
            assertTrue(value(metrics, "keyframe_segments_written_total", CAMERA) >= 1, metrics);
            assertTrue(value(metrics, "keyframe_segment_written_bytes_total", CAMERA) > 10_000, metrics);
            assertEquals(2.0, value(metrics, "keyframe_stream_state", CAMERA));
            assertTrue(metrics.contains("keyframe_segment_row_latency_seconds"), "row latency timer");
            assertTrue(metrics.contains("keyframe_disk_usage_ratio"), "disk gauge");

            // the camera goes away: within seconds the stream reconnects, says why, and is reported
            sim.stop();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !stream(api).getBoolean("healthy"));
            JsonObject broken = stream(api);
            assertFalse(broken.isNull("last_error"), broken.toString());
            assertTrue(broken.getInt("reconnects") >= 1 || !broken.getString("state").equals("RECORDING"), broken.toString());
            assertFalse(broken.getString("problem").isBlank());
            assertTrue(api.get("/status/recording").json().getInt("unhealthy_cameras") >= 1);
            JsonObject ready = api.get("/health/ready").json();
            assertEquals("UP", ready.getString("status"), "one broken camera does not take the server down: " + ready);
            assertTrue(ready.toString().contains(CAMERA + "/main"), "the cameras check names the stream: " + ready);
            assertEquals("UP", api.get("/health/live").json().getString("status"));
            assertTrue(value(metrics(server), "keyframe_stream_recording", CAMERA) == 0.0);

            // and comes back
            sim.start();
            Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                    .until(() -> stream(api).getString("state").equals("RECORDING"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> stream(api).getBoolean("healthy"));
            assertEquals(1.0, value(metrics(server), "keyframe_stream_recording", CAMERA));
            api.post("/recording/stop/" + CAMERA, null);
        }
    }

    /** {@code promtool check metrics} (Debian package prometheus) finds nothing wrong with the exposition. */
    private static void promtoolAccepts(String metrics) throws Exception {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = promtool.getOutputStream()) {
            in.write(metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String output = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "promtool hung");
        assertEquals(0, promtool.exitValue(), "promtool check metrics: " + output);
    }

    private static JsonObject stream(Api api) {
        return api.get("/status/recording/" + CAMERA).json().getJsonArray("streams").getJsonObject(0);
    }

    /** Prometheus text, read as a signed-in user over HTTPS (anonymous scrapes are refused: LocalUsersSecurityIT). */
    private static String metrics(KeyframeServer server) throws Exception {
        var response = server.tlsGet("/metrics?scope=application");
        assertEquals(200, response.status(), response.body());
        return response.body();
    }

    /** The value of a metric line carrying camera="…" (the first such line), or NaN. */
    private static double value(String metrics, String name, String camera) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*camera=\"" + camera + "\"[^}]*\\} ([0-9.eE+-]+|NaN)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
