package io.keyframe.recording.control;

import io.keyframe.testing.HandClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.recording.control.Fakes.FakeFactory;
import io.keyframe.recording.control.Fakes.FakeRecorder;
import io.keyframe.recording.control.Fakes.FakeSink;
import io.keyframe.recording.control.Fakes.ManualScheduler;
import io.keyframe.recording.control.Fakes.SwitchableReachability;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSessionTest {

    @TempDir
    Path root;

    private final HandClock clock = new HandClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeFactory factory = new FakeFactory();
    private final FakeSink sink = new FakeSink();
    private final SwitchableReachability reachability = new SwitchableReachability();
    private final SessionPolicy policy = SessionPolicy.defaults(Duration.ofSeconds(10));
    private RecordingSession session;

    @BeforeEach
    void setUp() {
        RecordingTarget target = new RecordingTarget(CameraId.of("lobby"), StreamId.of("main"), true,
                URI.create("rtsp://127.0.0.1:8554/h264"), "viewer", "p@ss:w/rd", Transport.TCP, root, Duration.ofSeconds(6));
        session = new RecordingSession(target, factory, sink, scheduler, reachability, clock, policy, () -> 1.0);
    }

    @Test
    void startConnectsAndTheFirstFileMeansRecording() throws Exception {
        session.start("start requested");
        assertEquals(SessionState.CONNECTING, session.status().state());
        scheduler.runPending();
        assertTrue(factory.last().started);

        factory.last().open(file("a.mp4"), clock.now);
        assertEquals(SessionState.RECORDING, session.status().state());
        assertEquals(List.of("opened a.mp4"), sink.events);
    }

    @Test
    void startingTwiceIsANoOp() throws Exception {
        session.start("first");
        scheduler.runPending();
        factory.last().open(file("a.mp4"), clock.now);
        session.start("second");
        scheduler.runPending();
        assertEquals(1, factory.created.size());
        assertEquals(SessionState.RECORDING, session.status().state());
    }

    @Test
    void anErrorReconnectsAfterBackoffAndKeepsThePartialFile() throws Exception {
        recording();
        FakeRecorder first = factory.last();
        first.listener.error("rtspsrc0: connection lost");
        assertEquals(SessionState.RECONNECTING, session.status().state());
        scheduler.runPending();
        assertTrue(first.aborted);
        assertEquals(List.of("opened a.mp4", "interrupted a.mp4"), sink.events);

        scheduler.advance(Duration.ofMillis(900));
        assertEquals(1, factory.created.size(), "backoff of 1 s not yet over");
        scheduler.advance(Duration.ofMillis(200));
        assertEquals(2, factory.created.size());
        factory.last().open(file("b.mp4"), clock.now);
        SessionStatus status = session.status();
        assertEquals(SessionState.RECORDING, status.state());
        assertEquals(1, status.reconnects());
        assertTrue(status.lastError().contains("connection lost"));
        assertEquals(List.of(SessionState.CONNECTING, SessionState.RECORDING, SessionState.RECONNECTING,
                SessionState.RECORDING), status.history().stream().map(StateChange::to).toList());
    }

    @Test
    void eventsOfAReplacedRecorderAreIgnored() throws Exception {
        recording();
        FakeRecorder first = factory.last();
        first.listener.endOfStream();
        scheduler.advance(Duration.ofSeconds(2));
        factory.last().open(file("b.mp4"), clock.now);
        first.listener.error("late error of the old pipeline");
        first.listener.fragmentOpened(file("late.mp4"), clock.now);
        assertEquals(SessionState.RECORDING, session.status().state());
        assertFalse(sink.events.contains("opened late.mp4"));
    }

    @Test
    void anUnreachableCameraIsProbedEverySecondWithoutBuildingPipelines() throws Exception {
        recording();
        reachability.up = false;
        factory.last().listener.endOfStream();
        scheduler.advance(Duration.ofSeconds(20));
        assertEquals(1, factory.created.size(), "no pipeline while the camera refuses connections");
        assertTrue(reachability.probes >= 18, "probes: " + reachability.probes);
        assertEquals("camera unreachable", session.status().lastError());

        reachability.up = true;
        scheduler.advance(Duration.ofMillis(1100));
        assertEquals(2, factory.created.size(), "the camera's return is noticed within a second");
    }

    @Test
    void repeatedFailuresShowFailedAndBackOffExponentially() throws Exception {
        session.start("start requested");
        scheduler.runPending();
        for (int i = 1; i <= 5; i++) {
            factory.last().listener.error("401 Unauthorized");
            Duration backoff = policy.backoff(i, 1.0);
            scheduler.advance(backoff.minusMillis(200));
            assertEquals(i, factory.created.size(), "attempt " + i + " waits " + backoff);
            scheduler.advance(Duration.ofMillis(300));
            assertEquals(i + 1, factory.created.size());
        }
        assertEquals(SessionState.FAILED, session.status().state());
        factory.last().open(file("late.mp4"), clock.now);
        assertEquals(SessionState.RECORDING, session.status().state());
    }

    @Test
    void backoffDoublesFromOneToThirtySecondsWithJitter() {
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L),
                List.of(1, 2, 3, 4, 5, 6, 20).stream().map(a -> policy.backoff(a, 1.0).toMillis()).toList());
        assertEquals(800L, policy.backoff(1, 0.0).toMillis());
        assertEquals(24000L, policy.backoff(9, 0.0).toMillis());
    }

    @Test
    void aFileThatStopsGrowingIsAStall() throws Exception {
        Path file = recording();
        scheduler.advance(Duration.ofSeconds(5));
        Files.write(file, new byte[100]);
        scheduler.advance(Duration.ofMillis(8500));
        assertEquals(SessionState.RECORDING, session.status().state(), "it grew less than 10 s ago");
        // noticed within the stall timeout plus one watchdog period
        scheduler.advance(Duration.ofMillis(3600));
        assertEquals(SessionState.RECONNECTING, session.status().state());
        assertTrue(session.status().lastError().startsWith("stalled"), session.status().lastError());
    }

    @Test
    void noFileWithinTheConnectTimeoutIsAFailure() {
        session.start("start requested");
        scheduler.runPending();
        scheduler.advance(Duration.ofSeconds(21));
        assertEquals(SessionState.RECONNECTING, session.status().state());
        assertTrue(factory.created.get(0).aborted);
        assertTrue(session.status().lastError().startsWith("no media"), session.status().lastError());
    }

    @Test
    void stopFinalisesTheLastFileAndEndsEverything() throws Exception {
        recording();
        FakeRecorder recorder = factory.last();
        session.stop("stop requested");
        assertTrue(recorder.stopped);
        assertEquals(SessionState.STOPPED, session.status().state());
        assertEquals(List.of("opened a.mp4", "closed a.mp4"), sink.events);
        recorder.listener.endOfStream();
        scheduler.advance(Duration.ofSeconds(60));
        assertEquals(1, factory.created.size(), "nothing restarts after a stop");
        assertEquals(0, scheduler.liveTimers());
    }

    @Test
    void stopWhileReconnectingCancelsTheRetry() throws Exception {
        recording();
        factory.last().listener.error("boom");
        session.stop("stop requested");
        scheduler.advance(Duration.ofSeconds(60));
        assertEquals(1, factory.created.size());
        assertEquals(SessionState.STOPPED, session.status().state());
    }

    @Test
    void historyIsBounded() throws Exception {
        recording();
        for (int i = 0; i < 40; i++) {
            factory.last().listener.error("flap " + i);
            scheduler.advance(Duration.ofSeconds(31));
            factory.last().open(file("f" + i + ".mp4"), clock.now);
        }
        assertEquals(50, session.status().history().size());
    }

    private Path recording() throws Exception {
        session.start("start requested");
        scheduler.runPending();
        Path file = file("a.mp4");
        factory.last().open(file, clock.now);
        return file;
    }

    private Path file(String name) throws Exception {
        Path file = root.resolve(name);
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        return file;
    }
}
