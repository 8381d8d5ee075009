package it.io.keyframe.gstreamer;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.gstreamer.GstRecorderFactory;
import io.keyframe.recording.control.Recorder;
import io.keyframe.recording.control.RecordingTarget;
import io.keyframe.recording.control.StreamStats;
import io.keyframe.recording.control.Transport;
import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Recorder#stats()} of real GStreamer recordings from simulated cameras (320x240, 15 fps,
 * 1 s GOP): a clean stream, a lossy one, and what sampling costs. No Liberty server.
 */
@Timeout(240)
class StreamStatsIT {

    private static final CameraId CAMERA = CameraId.of("stats");
    private static final StreamId MAIN = StreamId.of("main");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int FPS = 15;
    private static final double DROP_PROBABILITY = 0.05;
    /**
     * The simulator's H.264 test pattern with an identity that drops 5 % of the RTP packets after
     * the payloader. The identity is the mount's {@code pay0} (gst-rtsp-server takes the element
     * named pay0 as the stream's payloader and links its src pad), so the packets it drops never
     * leave the server: the recorder sees sequence-number gaps over any transport. The server
     * warns once that identity has no {@code pt} property; the SDP takes the type from the caps.
     */
    private static final String LOSSY = "( videotestsrc is-live=true pattern=smpte"
            + " ! video/x-raw,format=I420,width=320,height=240,framerate=" + FPS + "/1"
            + " ! clockoverlay ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=" + FPS
            + " option-string=scenecut=0 bitrate=800 ! rtph264pay pt=96 config-interval=1"
            + " ! identity name=pay0 drop-probability=" + DROP_PROBABILITY + " )";

    private static CameraSimulator cameras;
    private static GstRecorderFactory factory;

    @TempDir
    Path root;

    @BeforeAll
    static void startCameras() {
        cameras = CameraSimulator.builder().port(0).h264(320, 240, FPS).mounts(Mount.H264)
                .customMount("/lossy", LOSSY).start();
        factory = new GstRecorderFactory(Clock.systemUTC(), Duration.ofMillis(200));
    }

    @AfterAll
    static void stopCameras() {
        if (factory != null) {
            factory.stopAll(STOP_TIMEOUT);
        }
        if (cameras != null) {
            cameras.close();
        }
    }

    @Test
    void aCleanStreamLosesNothingAndShowsItsRates() throws Exception {
        EventLog events = new EventLog();
        Recorder recorder = factory.create(target(cameras.url(Mount.H264), Transport.TCP), events);
        assertSame(StreamStats.EMPTY, recorder.stats(), "nothing before start");
        recorder.start();
        events.await("opened", Duration.ofSeconds(10));
        List<StreamStats> samples = sample(recorder, Duration.ofSeconds(12));
        StreamStats last = samples.get(samples.size() - 1);
        recorder.stop(STOP_TIMEOUT);

        assertTrue(last.sampled(), "sampled: " + last);
        assertTrue(last.packetsReceived() > 100, "packets received: " + last);
        assertEquals(0, last.packetsLost(), "nothing lost on a local TCP stream: " + last);
        assertEquals(0.0, last.dropRateSinceStart());
        assertEquals(0.0, last.dropRateLastMinute());
        assertTrue(last.bitrateBps() > 100_000 && last.bitrateBps() < 5_000_000, "bitrate near 800 kbit/s: " + last);
        assertEquals(FPS, last.fps(), 2.0, "fps: " + last);
        assertNotNull(last.keyframeIntervalSecs(), "keyframe interval: " + last);
        assertEquals(1.0, last.keyframeIntervalSecs(), 0.3, "1 s GOP: " + last);
        assertTrue(samples.stream().map(StreamStats::packetsReceived).toList().equals(
                samples.stream().map(StreamStats::packetsReceived).sorted().toList()), "totals never go down: " + samples);

        StreamStats afterStop = recorder.stats();
        assertEquals(last.packetsReceived(), afterStop.packetsReceived(), "after stop: the last snapshot");
    }

    @Test
    void aLossyStreamShowsItsLoss() throws Exception {
        EventLog events = new EventLog();
        Recorder recorder = factory.create(target(cameras.url("/lossy"), Transport.UDP), events);
        recorder.start();
        events.await("opened", Duration.ofSeconds(15));
        List<StreamStats> samples = sample(recorder, Duration.ofSeconds(16));
        StreamStats last = samples.get(samples.size() - 1);
        recorder.abort(); // no stats call may touch the disposed pipeline
        StreamStats afterAbort = recorder.stats();

        assertTrue(last.packetsLost() > 0, "lost: " + last);
        assertTrue(last.dropRateSinceStart() > 0.01 && last.dropRateSinceStart() < 0.15, "5 % dropped: " + last);
        assertTrue(last.dropRateLastMinute() > 0.01 && last.dropRateLastMinute() < 0.15, "5 % dropped: " + last);
        assertTrue(last.packetsReceived() > 100, "received: " + last);
        assertEquals(last, afterAbort);
        assertEquals(List.of(), events.of("error"));
    }

    /** Calls stats() every 2 s for {@code length} and returns every snapshot. */
    private static List<StreamStats> sample(Recorder recorder, Duration length) throws InterruptedException {
        List<StreamStats> samples = new ArrayList<>();
        long deadline = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            StreamStats stats = recorder.stats();
            System.out.println("stats: " + stats);
            samples.add(stats);
        }
        return samples;
    }

    private RecordingTarget target(String url, Transport transport) {
        return new RecordingTarget(CAMERA, MAIN, true, URI.create(url), null, null, transport, root, Duration.ofSeconds(60));
    }
}
