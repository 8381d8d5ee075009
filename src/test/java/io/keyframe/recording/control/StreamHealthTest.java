package io.keyframe.recording.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamHealthTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration SEGMENT = Duration.ofSeconds(60);

    private static SessionStatus status(SessionState state, Instant since, Instant lastSegment, String error) {
        return new SessionStatus(CameraId.of("lobby"), StreamId.of("main"), state, since, true, 2, error, "h264", false,
                lastSegment, List.of());
    }

    @Test
    void aStreamNobodyWantsIsHealthyWhateverItsState() {
        assertEquals(Optional.empty(), StreamHealth.problem(status(SessionState.FAILED, NOW.minusSeconds(999), null, "x"),
                false, SEGMENT, NOW));
    }

    @Test
    void recordingWithSegmentsClosingIsHealthy() {
        assertEquals(Optional.empty(), StreamHealth.problem(status(SessionState.RECORDING, NOW.minusSeconds(3600),
                NOW.minusSeconds(100), null), true, SEGMENT, NOW));
        // just started: no segment yet, within two segment lengths
        assertEquals(Optional.empty(), StreamHealth.problem(status(SessionState.RECORDING, NOW.minusSeconds(110), null, null),
                true, SEGMENT, NOW));
    }

    @Test
    void noSegmentForTwoSegmentLengthsIsUnhealthy() {
        Optional<String> problem = StreamHealth.problem(status(SessionState.RECORDING, NOW.minusSeconds(3600),
                NOW.minusSeconds(121), null), true, SEGMENT, NOW);
        assertTrue(problem.orElse("").startsWith("no segment for 121 s"), problem.toString());
    }

    @Test
    void reconnectingTooLongOrFailedIsUnhealthyWithTheError() {
        assertEquals(Optional.empty(), StreamHealth.problem(status(SessionState.RECONNECTING, NOW.minusSeconds(30), null,
                "camera unreachable"), true, SEGMENT, NOW));
        assertEquals(Optional.of("not recording for 121 s: camera unreachable"), StreamHealth.problem(
                status(SessionState.RECONNECTING, NOW.minusSeconds(121), null, "camera unreachable"), true, SEGMENT, NOW));
        assertTrue(StreamHealth.problem(status(SessionState.FAILED, NOW.minusSeconds(5), null, "401 Unauthorized"), true,
                SEGMENT, NOW).orElse("").endsWith(": 401 Unauthorized"));
        assertEquals(Optional.of("should record but is stopped"), StreamHealth.problem(
                status(SessionState.STOPPED, NOW.minusSeconds(5), null, null), true, SEGMENT, NOW));
    }
}
