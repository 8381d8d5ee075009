package io.keyframe.recording.control;

import io.keyframe.testing.HandClock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.recording.control.Fakes.FakeFactory;
import io.keyframe.recording.control.Fakes.FakeSink;
import io.keyframe.recording.control.Fakes.ManualScheduler;
import io.keyframe.recording.control.Fakes.SwitchableReachability;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every transition of a session reaches its {@link StateLog}; a failing log never disturbs recording. */
class RecordingSessionStateLogTest {

    @TempDir
    Path root;

    private final HandClock clock = new HandClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeFactory factory = new FakeFactory();

    private RecordingSession session(StateLog log) {
        RecordingTarget target = new RecordingTarget(CameraId.of("lobby"), StreamId.of("main"), true,
                URI.create("rtsp://127.0.0.1:8554/h264"), null, null, Transport.TCP, root, Duration.ofSeconds(6));
        return new RecordingSession(target, factory, new FakeSink(), scheduler, new SwitchableReachability(), clock,
                SessionPolicy.defaults(Duration.ofSeconds(10)), () -> 1.0, log);
    }

    @Test
    void transitionsAreLoggedWithTheirReasons() {
        List<String> logged = new ArrayList<>();
        RecordingSession session = session((target, change) ->
                logged.add(target.cameraId() + "/" + target.streamId() + " " + change.from() + "->" + change.to() + " " + change.reason()));
        session.start("start requested");
        scheduler.runPending();
        factory.last().open(root.resolve("a.mp4"), clock.now);
        factory.last().listener.endOfStream();
        session.stop("stop requested");
        assertEquals(List.of("lobby/main STOPPED->CONNECTING start requested",
                "lobby/main CONNECTING->RECORDING receiving media",
                "lobby/main RECORDING->RECONNECTING camera ended the stream",
                "lobby/main RECONNECTING->STOPPED stop requested"), logged);
    }

    @Test
    void aFailingLogDoesNotStopRecording() {
        RecordingSession session = session((target, change) -> {
            throw new IllegalStateException("database down");
        });
        session.start("start requested");
        scheduler.runPending();
        factory.last().open(root.resolve("a.mp4"), clock.now);
        assertEquals(SessionState.RECORDING, session.status().state());
    }
}
