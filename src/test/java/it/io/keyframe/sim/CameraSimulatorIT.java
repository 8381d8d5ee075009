package it.io.keyframe.sim;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated cameras as a client sees them, checked with {@code ffprobe} over RTSP/TCP.
 * Needs no Liberty server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class CameraSimulatorIT {

    private static final String USER = "tester";
    private static final String PASSWORD = "p@ss:w/rd";
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    private static CameraSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = CameraSimulator.builder().port(0).h264(WIDTH, HEIGHT, 15).credentials(USER, PASSWORD).start();
    }

    @AfterAll
    static void closeSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    @Order(1)
    void h264HasTheConfiguredSize() {
        JsonObject video = videoStream(Ffprobe.probe(simulator.url("/h264")));
        assertEquals("h264", video.getString("codec_name"));
        assertEquals(WIDTH, video.getInt("width"));
        assertEquals(HEIGHT, video.getInt("height"));
        assertEquals("15/1", video.getString("r_frame_rate"));
    }

    @Test
    @Order(2)
    void h265IsHevc() {
        JsonObject video = videoStream(Ffprobe.probe(simulator.url(Mount.H265)));
        assertEquals("hevc", video.getString("codec_name"));
        assertEquals(WIDTH, video.getInt("width"));
    }

    @Test
    @Order(3)
    void h264AacHasVideoAndAacAudio() {
        Ffprobe.Result result = Ffprobe.probe(simulator.url("/h264-aac"));
        assertEquals("h264", videoStream(result).getString("codec_name"));
        JsonObject audio = result.stream("audio").orElseThrow(() -> new AssertionError("no audio stream: " + result));
        assertEquals("aac", audio.getString("codec_name"));
    }

    @Test
    @Order(4)
    void authRefusesClientsWithoutCredentials() {
        Ffprobe.Result result = Ffprobe.probe(simulator.url("/auth"));
        assertNotEquals(0, result.exitCode());
        assertTrue(result.errors().contains("401"), result.errors());
    }

    @Test
    @Order(5)
    void authAcceptsPercentEncodedCredentials() {
        String url = simulator.urlWithCredentials("/auth");
        assertTrue(url.startsWith("rtsp://tester:p%40ss%3Aw%2Frd@127.0.0.1:"), "user info is not percent-encoded");
        JsonObject video = videoStream(Ffprobe.probe(url));
        assertEquals("h264", video.getString("codec_name"));
    }

    @Test
    @Order(6)
    void authRefusesAWrongPassword() {
        String url = "rtsp://" + USER + ":" + CameraSimulator.percentEncode("p@ss:w/rong")
                + "@127.0.0.1:" + simulator.port() + "/auth";
        Ffprobe.Result result = Ffprobe.probe(url);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.errors().contains("401"), result.errors());
    }

    @Test
    @Order(7)
    void load1080IsFullHdH264FromTheCache() throws IOException {
        JsonObject video = videoStream(Ffprobe.probe(simulator.url("/load1080")));
        assertEquals("h264", video.getString("codec_name"));
        assertEquals(1920, video.getInt("width"));
        assertEquals(1080, video.getInt("height"));
        try (Stream<Path> files = Files.list(simulator.config().cacheDirectory())) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".h264")), "no clip in the cache");
        }
    }

    @Test
    @Order(8)
    void stopDropsConnectedClients() throws Exception {
        Path packets = Files.createTempFile("sim-packets", ".csv");
        Process reader = Ffprobe.startReading(simulator.url("/h264"), 60, packets);
        try {
            awaitPackets(packets, Duration.ofSeconds(15));
            long stopAt = System.nanoTime();
            simulator.stop();
            int exitCode = Ffprobe.waitFor(reader, Duration.ofSeconds(20));
            assertNotEquals(-1, exitCode, "the client was not disconnected");
            assertTrue(Duration.ofNanos(System.nanoTime() - stopAt).toSeconds() < 15, "disconnect too slow");
        } finally {
            reader.destroyForcibly();
            Files.deleteIfExists(packets);
            simulator.start();
        }
    }

    @Test
    @Order(9)
    void restartsOnTheSamePort() {
        int port = simulator.port();
        String url = simulator.url("/h264");
        simulator.stop();
        assertFalse(simulator.isRunning());
        assertFalse(Ffprobe.probe(url).succeeded(), "still served after stop()");

        simulator.start();
        assertEquals(port, simulator.port());
        assertEquals(url, simulator.url("/h264"));
        assertEquals("h264", videoStream(Ffprobe.probe(url)).getString("codec_name"));
    }

    private static JsonObject videoStream(Ffprobe.Result result) {
        assertEquals(0, result.exitCode(), () -> "ffprobe failed: " + result.errors());
        return result.stream("video").orElseThrow(() -> new AssertionError("no video stream: " + result));
    }

    private static void awaitPackets(Path packets, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Files.size(packets) < 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no packets received within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
