package io.keyframe.segment.control;

import static io.keyframe.recording.control.SessionState.CONNECTING;
import static io.keyframe.recording.control.SessionState.FAILED;
import static io.keyframe.recording.control.SessionState.RECONNECTING;
import static io.keyframe.recording.control.SessionState.RECORDING;
import static io.keyframe.recording.control.SessionState.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyframe.recording.control.SessionState;
import io.keyframe.recording.control.StateChange;
import io.keyframe.segment.control.Timeline.Covered;
import io.keyframe.segment.control.Timeline.Deletion;
import io.keyframe.segment.control.Timeline.Gap;
import io.keyframe.segment.control.Timeline.Result;
import io.keyframe.segment.control.Timeline.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");
    private static final Instant LATER = T0.plus(Duration.ofDays(1));

    private static Instant t(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    private static Span span(double from, double to) {
        return new Span(t(from), t(to));
    }

    /** Segments of 6 s from {@code from} to {@code to} with the small jitter of real cuts. */
    private static List<Span> run(double from, double to) {
        List<Span> segments = new ArrayList<>();
        for (double s = from; s < to; s += 6) {
            segments.add(span(s + 0.04, Math.min(s + 6, to)));
        }
        return segments;
    }

    private static StateChange change(double at, SessionState from, SessionState to, String reason) {
        return new StateChange(t(at), from, to, reason);
    }

    private static List<Span> concat(List<Span> a, List<Span> b) {
        List<Span> all = new ArrayList<>(b);
        all.addAll(a);
        return all;
    }

    @Test
    void adjacentSegmentsMergeIntoOneInterval() {
        Result r = Timeline.build(t(0), t(60), run(0, 60), List.of(), List.of(), LATER);
        assertEquals(List.of(new Covered(span(0.04, 60), 10)), r.covered());
        assertEquals(List.of(), r.gaps());
        assertEquals(Duration.ofMillis(59_960), r.coveredTime());
    }

    @Test
    void segmentsAreClippedToTheRange() {
        Result r = Timeline.build(t(10), t(20), run(0, 60), List.of(), List.of(), LATER);
        assertEquals(List.of(new Covered(span(10, 20), 3)), r.covered());
    }

    @Test
    void aStopShowsAsAStreamStoppedGapEvenWhenLoggedAfterTheLastFrame() {
        List<StateChange> log = List.of(change(-1, STOPPED, CONNECTING, "start requested"),
                change(0.5, CONNECTING, RECORDING, "receiving media"),
                change(30.2, RECORDING, STOPPED, "stop requested"),
                change(50, STOPPED, CONNECTING, "start requested"),
                change(51, CONNECTING, RECORDING, "receiving media"));
        Result r = Timeline.build(t(0), t(80), concat(run(0, 30), run(50, 80)), log, List.of(), LATER);
        assertEquals(2, r.covered().size());
        assertEquals(List.of(new Gap(span(30, 50.04), GapCause.STREAM_STOPPED, "stop requested")), r.gaps());
    }

    @Test
    void aDroppedCameraIsCameraUnreachableEvenIfItFailedAndWasStoppedLater() {
        List<StateChange> log = List.of(change(0, CONNECTING, RECORDING, "receiving media"),
                change(12.1, RECORDING, RECONNECTING, "camera ended the stream"),
                change(40, RECONNECTING, FAILED, "camera unreachable"),
                change(70, FAILED, STOPPED, "stop requested"));
        Result r = Timeline.build(t(0), t(120), concat(run(0, 12), run(90, 120)), log, List.of(), LATER);
        assertEquals(List.of(new Gap(span(12, 90.04), GapCause.CAMERA_UNREACHABLE, "camera ended the stream")), r.gaps());
    }

    @Test
    void aStallIsLoggedOnlyAfterTheStallTimeoutButStillNamesTheGap() {
        List<StateChange> log = List.of(change(0, CONNECTING, RECORDING, "receiving media"),
                change(23, RECORDING, RECONNECTING, "stalled: no data for 10 s"),
                change(31, RECONNECTING, RECORDING, "receiving media"));
        Result r = Timeline.build(t(0), t(60), concat(run(0, 12), run(30, 60)), log, List.of(), LATER);
        assertEquals(GapCause.CAMERA_UNREACHABLE, r.gaps().get(0).cause());
    }

    @Test
    void pipelineErrors() {
        List<StateChange> log = List.of(change(0, CONNECTING, RECORDING, "receiving media"),
                change(12.2, RECORDING, RECONNECTING, "pipeline error: Internal data stream error"));
        Result r = Timeline.build(t(0), t(30), concat(run(0, 12), run(20, 30)), log, List.of(), LATER);
        assertEquals(new Gap(span(12, 20.04), GapCause.PIPELINE_ERROR, "pipeline error: Internal data stream error"),
                r.gaps().get(0));
    }

    @Test
    void aGapAtTheStartTakesTheStateTheStreamWasAlreadyIn() {
        List<StateChange> log = List.of(change(-3600, RECORDING, STOPPED, "server stopping"),
                change(29, STOPPED, CONNECTING, "resumed at start-up"),
                change(30, CONNECTING, RECORDING, "receiving media"));
        Result r = Timeline.build(t(0), t(60), run(30, 60), log, List.of(), LATER);
        assertEquals(List.of(new Gap(span(0, 30.04), GapCause.SERVER_STOPPED, "server stopping")), r.gaps());
    }

    @Test
    void retentionDeletionsComeFirst() {
        List<StateChange> log = List.of(change(-10, CONNECTING, RECORDING, "receiving media"));
        List<Deletion> deleted = List.of(new Deletion(span(0, 30), "retention_age"),
                new Deletion(span(40, 46), "reconcile_unplayable"));
        Result r = Timeline.build(t(0), t(60), run(30, 60), log, deleted, LATER);
        assertEquals(List.of(new Gap(span(0, 30.04), GapCause.DELETED_BY_RETENTION, "retention_age")), r.gaps());
    }

    @Test
    void theTailWhileRecordingIsInProgressAndTheFutureIsCutOff() {
        List<StateChange> log = List.of(change(0, CONNECTING, RECORDING, "receiving media"));
        Result r = Timeline.build(t(0), t(3600), run(0, 30), log, List.of(), t(34));
        assertEquals(t(34), r.to());
        assertEquals(List.of(new Gap(span(30, 34), GapCause.IN_PROGRESS, "receiving media")), r.gaps());
    }

    @Test
    void nothingKnownIsUnknownAndTinyGapsAreIgnored() {
        Result r = Timeline.build(t(0), t(60), List.of(span(0.5, 20), span(21.4, 30), span(40, 60)), List.of(), List.of(), LATER);
        assertEquals(2, r.covered().size());
        assertEquals(2, r.covered().get(0).segments());
        assertEquals(List.of(new Gap(span(30, 40), GapCause.UNKNOWN, null)), r.gaps());
        assertEquals(List.of(new Gap(span(0, 60), GapCause.UNKNOWN, null)),
                Timeline.build(t(0), t(60), List.of(), List.of(), List.of(), LATER).gaps());
    }
}
