package it.io.keyframe.gstreamer;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.gstreamer.GstRecorderFactory;
import io.keyframe.recording.control.Recorder;
import io.keyframe.recording.control.RecordingTarget;
import io.keyframe.recording.control.Transport;
import io.keyframe.segment.control.SegmentPaths;
import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import io.keyframe.sim.SimulatorConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real GStreamer recording from the simulated cameras (1 s GOP), files checked with ffprobe and by
 * their top-level boxes. No Liberty server.
 */
@Timeout(120)
class GstRecorderIT {

    private static final CameraId CAMERA = CameraId.of("lobby");
    private static final StreamId MAIN = StreamId.of("main");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static CameraSimulator cameras;
    private static GstRecorderFactory factory;

    @TempDir
    Path root;

    @BeforeAll
    static void startCameras() {
        cameras = CameraSimulator.builder().port(0).h264(320, 240, 15)
                .mounts(Mount.H264, Mount.H265, Mount.H264_AAC, Mount.AUTH).start();
        factory = new GstRecorderFactory(Clock.systemUTC(), Duration.ofMillis(200));
    }

    @AfterAll
    static void stopCameras() {
        if (factory != null) {
            factory.stopAll(STOP_TIMEOUT); // not shutdown(): that ends the GStreamer service thread of this JVM
        }
        if (cameras != null) {
            cameras.close();
        }
    }

    @Test
    void recordsH264InSixSecondSegments() throws Exception {
        EventLog events = new EventLog();
        Instant begin = Instant.now();
        Recorder recorder = factory.create(target(Mount.H264, Transport.TCP, Duration.ofSeconds(6), null, null), events);
        recorder.start();
        Thread.sleep(15_000);
        recorder.stop(STOP_TIMEOUT);

        List<EventLog.Event> closed = events.of("closed");
        assertTrue(closed.size() >= 2, "at least two files: " + events.all());
        assertEquals(List.of("H264"), events.of("connected").stream().map(EventLog.Event::text).toList());
        assertEquals(List.of(), events.of("error"));
        assertEquals(List.of(), events.of("eos"), "a requested stop is no end of stream");
        assertEquals(events.of("opened").stream().map(EventLog.Event::file).toList(), closed.stream().map(EventLog.Event::file).toList());
        for (int i = 0; i < closed.size(); i++) {
            EventLog.Event file = closed.get(i);
            assertEquals(SegmentPaths.path(root, CAMERA, MAIN, true, file.start()), file.file(), "spec layout");
            assertTrue(Files.size(file.file()) > 0, file.file() + " is empty");
            assertMoovBeforeMdat(file.file());
            Mp4Files.Probe probe = Mp4Files.probe(file.file());
            assertEquals(List.of("h264"), probe.codecs());
            assertEquals(320, probe.width());
            assertTrue(probe.startsOnKeyframe(), file.file() + " starts on a delta frame");
            assertEquals(probe.duration(), seconds(file.duration()), 0.5, "listener duration vs ffprobe, file " + i);
            if (i < closed.size() - 1) {
                assertEquals(6.0, probe.duration(), 1.5, "duration of file " + i);
                Duration gap = Duration.between(file.start(), closed.get(i + 1).start());
                assertEquals(seconds(file.duration()), seconds(gap), 0.3, "next file starts where this one ended");
            }
            System.out.printf("segment %d: %s ffprobe=%.3f s listener=%.3f s%n", i, file.file().getFileName(),
                    probe.duration(), seconds(file.duration()));
        }
        Duration firstFrameDelay = Duration.between(begin, closed.get(0).start());
        assertTrue(!firstFrameDelay.isNegative() && firstFrameDelay.toMillis() < 4_000, "first frame at " + firstFrameDelay);
    }

    @Test
    void recordsH265AsHevc() throws Exception {
        Path file = recordBriefly(target(Mount.H265, Transport.TCP, Duration.ofSeconds(60), null, null), "H265");
        Mp4Files.Probe probe = Mp4Files.probe(file);
        assertEquals(List.of("hevc"), probe.codecs());
        assertTrue(probe.startsOnKeyframe());
    }

    @Test
    void recordsAacAudioNextToTheVideo() throws Exception {
        Path file = recordBriefly(target(Mount.H264_AAC, Transport.TCP, Duration.ofSeconds(60), null, null), "H264+audio");
        assertEquals(List.of("h264", "aac"), Mp4Files.probe(file).codecs());
    }

    @Test
    void recordsOverUdp() throws Exception {
        Path file = recordBriefly(target(Mount.H264, Transport.UDP, Duration.ofSeconds(60), null, null), "H264");
        assertEquals(List.of("h264"), Mp4Files.probe(file).codecs());
    }

    @Test
    void authenticatesWithAPasswordFullOfUrlCharacters() throws Exception {
        assertTrue(SimulatorConfig.DEFAULT_PASSWORD.matches(".*[@:/].*[@:/].*"));
        Path file = recordBriefly(target(Mount.AUTH, Transport.TCP, Duration.ofSeconds(60),
                SimulatorConfig.DEFAULT_USERNAME, SimulatorConfig.DEFAULT_PASSWORD), "H264");
        assertEquals(List.of("h264"), Mp4Files.probe(file).codecs());
    }

    @Test
    void aWrongPasswordIsAnErrorThatDoesNotShowIt() throws Exception {
        String wrong = "n0t:" + SimulatorConfig.DEFAULT_PASSWORD;
        EventLog events = new EventLog();
        Recorder recorder = factory.create(target(Mount.AUTH, Transport.TCP, Duration.ofSeconds(60),
                SimulatorConfig.DEFAULT_USERNAME, wrong), events);
        recorder.start();
        String message = events.await("error", Duration.ofSeconds(10)).text();
        recorder.abort();
        assertTrue(message.contains("401"), message);
        assertFalse(message.contains(wrong) || message.contains(SimulatorConfig.DEFAULT_PASSWORD), message);
        assertFalse(message.contains(CameraSimulator.percentEncode(wrong)), message);
    }

    @Test
    void aPipelineErrorReachesTheListener() throws Exception {
        Path notADirectory = Files.writeString(root.resolve("not-a-directory"), "x");
        EventLog events = new EventLog();
        Recorder recorder = factory.create(new RecordingTarget(CAMERA, MAIN, true, URI.create(cameras.url(Mount.H264)),
                null, null, Transport.TCP, notADirectory, Duration.ofSeconds(60)), events);
        recorder.start();
        String message = events.await("error", Duration.ofSeconds(10)).text();
        recorder.stop(STOP_TIMEOUT);
        System.out.println("pipeline error: " + message);
        assertTrue(message.contains("not-a-directory"), message);
        assertEquals(List.of(), events.of("closed"));
    }

    @Test
    void aCameraThatGoesAwayEndsTheStream() throws Exception {
        try (CameraSimulator leaving = CameraSimulator.builder().port(0).h264(320, 240, 15).mounts(Mount.H264).start()) {
            EventLog events = new EventLog();
            RecordingTarget target = new RecordingTarget(CAMERA, StreamId.of("leaving"), false, URI.create(leaving.url(Mount.H264)),
                    null, null, Transport.TCP, root, Duration.ofSeconds(60));
            Recorder recorder = factory.create(target, events);
            recorder.start();
            events.await("opened", Duration.ofSeconds(10));
            leaving.stop();
            EventLog.Event end = events.await(e -> e.kind().equals("eos") || e.kind().equals("error"), Duration.ofSeconds(15));
            recorder.stop(STOP_TIMEOUT);
            System.out.println("camera gone: " + end.kind() + " " + (end.text() == null ? "" : end.text()));
            int count = events.all().size();
            recorder.abort();
            assertEquals(count, events.all().size(), "no events after stop");
            EventLog.Event opened = events.of("opened").get(0);
            assertTrue(opened.file().getFileName().toString().startsWith("camlobby_leaving_"), opened.file().toString());
        }
    }

    @Test
    void stopAndAbortAreIdempotentAndEndEveryRecorder() throws Exception {
        EventLog events = new EventLog();
        Recorder recorder = factory.create(target(Mount.H264, Transport.TCP, Duration.ofSeconds(60), null, null), events);
        int before = factory.liveRecorders();
        recorder.start();
        events.await("opened", Duration.ofSeconds(10));
        Thread.sleep(2_500);
        recorder.abort();
        int count = events.all().size();
        recorder.abort();
        recorder.stop(STOP_TIMEOUT);
        Thread.sleep(500);
        assertEquals(count, events.all().size(), "no events after abort");
        assertEquals(before - 1, factory.liveRecorders());
        Path file = events.of("opened").get(0).file();
        assertTrue(Files.size(file) > 0, "an aborted file keeps what robust muxing wrote");
        assertMoovBeforeMdat(file);
        assertTrue(Mp4Files.probe(file).duration() > 0.5, "an aborted file plays up to its last moov update");

        Recorder neverStarted = factory.create(target(Mount.H264, Transport.TCP, Duration.ofSeconds(60), null, null), events);
        neverStarted.stop(STOP_TIMEOUT);
        neverStarted.abort();
        assertEquals(before - 1, factory.liveRecorders());
    }

    @Test
    void stopFromInsideAListenerCallbackDoesNotBlockTheBusThread() throws Exception {
        Recorder[] self = new Recorder[1];
        long[] stopCallMillis = {-1};
        EventLog events = new EventLog() {
            @Override
            public synchronized void fragmentOpened(Path file, Instant start) {
                super.fragmentOpened(file, start);
                long before = System.nanoTime();
                self[0].stop(STOP_TIMEOUT); // on the GStreamer service thread
                stopCallMillis[0] = (System.nanoTime() - before) / 1_000_000;
            }
        };
        int before = factory.liveRecorders();
        self[0] = factory.create(target(Mount.H264, Transport.TCP, Duration.ofSeconds(60), null, null), events);
        self[0].start();
        EventLog.Event closed = events.await("closed", Duration.ofSeconds(15));
        assertTrue(stopCallMillis[0] >= 0 && stopCallMillis[0] < 1_000, "stop() blocked the bus thread " + stopCallMillis[0] + " ms");
        assertMoovBeforeMdat(closed.file());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (factory.liveRecorders() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before, factory.liveRecorders());
    }

    @Test
    void shutdownFinalisesFilesAndLeavesNoThreadBehind() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = Files.createTempFile(root, "shutdown", ".txt");
        Process child = new ProcessBuilder(java.toString(), "-cp", classPath, ShutdownProbe.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertTrue(exited, "the JVM did not exit after shutdown(): a thread was left behind\n" + printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("OK ")), printed);
        assertEquals(0, child.exitValue(), printed);
    }

    /** Records about four seconds into one file and returns it, after checking the usual events. */
    private Path recordBriefly(RecordingTarget target, String connected) throws Exception {
        EventLog events = new EventLog();
        Recorder recorder = factory.create(target, events);
        recorder.start();
        events.await("opened", Duration.ofSeconds(10));
        Thread.sleep(3_000);
        recorder.stop(STOP_TIMEOUT);
        assertEquals(List.of(), events.of("error"));
        assertEquals(List.of(connected), events.of("connected").stream().map(EventLog.Event::text).toList());
        List<EventLog.Event> closed = events.of("closed");
        assertEquals(1, closed.size(), "one file: " + events.all());
        Path file = closed.get(0).file();
        assertTrue(Files.size(file) > 0);
        assertMoovBeforeMdat(file);
        return file;
    }

    private static void assertMoovBeforeMdat(Path file) throws Exception {
        List<String> boxes = Mp4Files.topLevelBoxes(file);
        assertEquals("ftyp", boxes.get(0), file + ": " + boxes);
        assertTrue(boxes.contains("moov") && boxes.contains("mdat") && boxes.indexOf("moov") < boxes.indexOf("mdat"),
                file + ": moov must come before mdat: " + boxes);
    }

    private RecordingTarget target(Mount mount, Transport transport, Duration segment, String user, String password) {
        return new RecordingTarget(CAMERA, MAIN, true, URI.create(cameras.url(mount)), user, password, transport, root, segment);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
