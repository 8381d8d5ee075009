package io.keyframe.export.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.export.entity.ExportRange;
import io.keyframe.export.entity.ExportSegment;
import io.keyframe.platform.rest.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportPlanTest {

    private static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");

    /** Four 6 s segments back to back from T0, the third one given in the wrong order. */
    private final List<ExportSegment> rows = List.of(seg(1, 0, 6000), seg(2, 6, 6000), seg(4, 18, 6000), seg(3, 12, 6000));

    @Test
    void aRangeAcrossThreeSegmentsStartsInsideTheFirstAndStopsInsideTheLast() {
        ExportPlan plan = ExportPlan.of(rows, range(7.5, 20.2));
        assertEquals(List.of(2L, 3L, 4L), plan.parts().stream().map(ExportSegment::id).toList());
        assertEquals(Duration.ofMillis(1500), plan.start());
        assertEquals(Duration.ofMillis(14200), plan.stop(), "12 s of the two earlier files + 2.2 s into the last");
        assertEquals(Duration.ofMillis(12700), plan.covered());
        assertFalse(plan.audio());
    }

    @Test
    void aRangeBeyondTheFootageIsClampedToIt() {
        ExportPlan plan = ExportPlan.of(rows, range(-30, 60));
        assertEquals(4, plan.parts().size());
        assertEquals(Duration.ZERO, plan.start());
        assertNull(plan.stop(), "to the end of the last file");
        assertEquals(Duration.ofSeconds(24), plan.covered());
    }

    @Test
    void gapsBetweenFilesAreLeftOutOfTheTimeline() {
        List<ExportSegment> withGap = List.of(seg(1, 0, 6000), seg(2, 100, 6000));
        ExportPlan plan = ExportPlan.of(withGap, range(3, 103));
        assertEquals(Duration.ofSeconds(3), plan.start());
        assertEquals(Duration.ofSeconds(9), plan.stop(), "6 s of the first file + 3 s into the second");
    }

    @Test
    void aFromInAGapStartsAtTheNextFile() {
        List<ExportSegment> withGap = List.of(seg(1, 0, 6000), seg(2, 100, 6000));
        ExportPlan plan = ExportPlan.of(withGap, range(50, 104));
        assertEquals(List.of(2L), plan.parts().stream().map(ExportSegment::id).toList());
        assertEquals(Duration.ZERO, plan.start());
        assertEquals(Duration.ofSeconds(4), plan.stop());
    }

    @Test
    void segmentsTouchingTheRangeOnlyAtItsEdgesAreNotTaken() {
        ExportPlan plan = ExportPlan.of(rows, range(6, 12));
        assertEquals(List.of(2L), plan.parts().stream().map(ExportSegment::id).toList());
        assertNull(plan.stop());
    }

    @Test
    void aSegmentInsideThePreviousOneIsADuplicateAndSkipped() {
        List<ExportSegment> dup = List.of(seg(1, 0, 6000), seg(9, 1, 3000), seg(2, 6, 6000));
        assertEquals(List.of(1L, 2L), ExportPlan.of(dup, range(0, 12)).parts().stream().map(ExportSegment::id).toList());
    }

    @Test
    void noFootageIsA404() {
        ApiException e = assertThrows(ApiException.class, () -> ExportPlan.of(rows, range(30, 40)));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().startsWith("no footage"), e.getMessage());
    }

    @Test
    void audioComesAlongWhenEveryFileHasIt() {
        List<ExportSegment> aac = List.of(withAudio(seg(1, 0, 6000)), withAudio(seg(2, 6, 6000)));
        assertTrue(ExportPlan.of(aac, range(1, 11)).audio());
    }

    @Test
    void footageThatChangesCodecSizeOrTracksIsA422NamingTheTime() {
        List<ExportSegment> mixed = List.of(seg(1, 0, 6000), withAudio(seg(2, 6, 6000)));
        ApiException e = assertThrows(ApiException.class, () -> ExportPlan.of(mixed, range(1, 11)));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("2026-11-24T18:00:06Z"), e.getMessage());
        List<ExportSegment> codec = List.of(seg(1, 0, 6000),
                new ExportSegment(2, T0.plusSeconds(6), Duration.ofSeconds(6), "b.mp4", "h265", 640, 360, false));
        assertEquals(422, assertThrows(ApiException.class, () -> ExportPlan.of(codec, range(1, 11))).status());
        // but a range inside the first part alone is fine
        assertEquals(1, ExportPlan.of(codec, range(1, 5)).parts().size());
    }

    @Test
    void rangesAreValidatedOnce() {
        assertEquals(400, assertThrows(ApiException.class, () -> ExportRange.parse(null, "2026-11-24T18:00:00Z")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> ExportRange.parse("yesterday", "2026-11-24T18:00:00Z")).status());
        assertEquals(400, assertThrows(ApiException.class,
                () -> ExportRange.parse("2026-11-24T18:00:00Z", "2026-11-24T18:00:00Z")).status());
        assertEquals(400, assertThrows(ApiException.class,
                () -> ExportRange.parse("2026-11-24T18:00:00Z", "2026-11-25T18:00:01Z")).status());
        assertEquals(Duration.ofHours(24), ExportRange.parse("2026-11-24T18:00:00Z", "2026-11-25T18:00:00Z").length());
    }

    private static ExportRange range(double fromSecs, double toSecs) {
        return new ExportRange(T0.plusMillis((long) (fromSecs * 1000)), T0.plusMillis((long) (toSecs * 1000)));
    }

    private static ExportSegment withAudio(ExportSegment s) {
        return new ExportSegment(s.id(), s.startTime(), s.duration(), s.filePath(), s.videoCodec(), s.width(), s.height(), true);
    }

    private static ExportSegment seg(long id, int startSecs, long durationMs) {
        return new ExportSegment(id, T0.plusSeconds(startSecs), Duration.ofMillis(durationMs), "cam/" + id + ".mp4",
                "h264", 640, 360, false);
    }
}
