package io.keyframe.retention.control;

import static io.keyframe.retention.control.DeletionReason.DISK_USAGE;
import static io.keyframe.retention.control.DeletionReason.MANUAL;
import static io.keyframe.retention.control.DeletionReason.RETENTION_AGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.retention.control.RetentionRules.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    /** 10 % used: the disk rule stays out of the way. */
    private static final DiskSpace ROOMY = new DiskSpace(1_000_000, 100_000);
    /** 1000 bytes, 85 % used: with 80 % and 2 % hysteresis the disk rule wants 70 bytes. */
    private static final DiskSpace FULL = new DiskSpace(1000, 850);

    private static Instant daysAgo(double days) {
        return NOW.minusMillis(Math.round(days * 86_400_000));
    }

    /** A one-hour segment of camera/stream/type that ended {@code endedDaysAgo} days before now. */
    private static RetentionCandidate seg(long id, String camera, String stream, String type, double endedDaysAgo,
                                          long size) {
        Instant end = daysAgo(endedDaysAgo);
        return new RetentionCandidate(id, camera, stream, type, end.minus(Duration.ofHours(1)), end, size, false, false);
    }

    private static RetentionCandidate seg(long id, String camera, double endedDaysAgo) {
        return seg(id, camera, "main", "continuous", endedDaysAgo, 10);
    }

    /** A 10-byte segment of one hour from {@code start}. */
    private static RetentionCandidate startingAt(long id, String camera, Instant start) {
        return new RetentionCandidate(id, camera, "main", null, start, start.plus(Duration.ofHours(1)), 10, false, false);
    }

    private static RetentionCandidate held(RetentionCandidate c) {
        return new RetentionCandidate(c.id(), c.cameraId(), c.streamId(), c.eventType(), c.start(), c.end(),
                c.sizeBytes(), true, false);
    }

    private static RetentionCandidate inUse(RetentionCandidate c) {
        return new RetentionCandidate(c.id(), c.cameraId(), c.streamId(), c.eventType(), c.start(), c.end(),
                c.sizeBytes(), false, true);
    }

    private static RetentionRules rules(int defaultDays) {
        return new RetentionRules(defaultDays, null, null, null, 80.0, 2.0, 1.0);
    }

    private static RetentionRules withShare(int defaultDays, double share) {
        return new RetentionRules(defaultDays, null, null, null, 80.0, 2.0, share);
    }

    private static RetentionPlan plan(List<RetentionCandidate> candidates, RetentionRules rules, DiskSpace disk) {
        long total = candidates.stream().mapToLong(RetentionCandidate::sizeBytes).sum();
        return RetentionPolicy.plan(candidates, rules, disk, total, NOW);
    }

    private static List<Long> ids(List<Deletion> deletions) {
        return deletions.stream().map(d -> d.segment().id()).toList();
    }

    // --- age ---

    @Test
    void cameraOverrideSetsTheCutoffOfItsCamera() {
        RetentionRules r = new RetentionRules(30, Map.of("cam-b", 7), null, null, 80, 2, 1.0);
        List<RetentionCandidate> all = List.of(seg(1, "cam-a", 31), seg(2, "cam-b", 10), seg(3, "cam-a", 10),
                seg(4, "cam-b", 6));
        RetentionPlan p = plan(all, r, ROOMY);
        assertEquals(List.of(1L, 2L), p.ids());
        assertEquals(2, p.byReason(RETENTION_AGE).size());
        assertFalse(p.safetyStop());
        assertNull(p.safetyMessage());
    }

    @Test
    void streamOverrideBeatsCamera() {
        RetentionRules r = new RetentionRules(30, Map.of("cam-a", 7),
                Map.of(new StreamKey("cam-a", "sub"), 60, new StreamKey("cam-b", "sub"), 2), null, 80, 2, 1.0);
        RetentionPlan p = plan(List.of(seg(1, "cam-a", "main", null, 10, 10), seg(2, "cam-a", "sub", null, 10, 10),
                seg(3, "cam-a", "sub", null, 61, 10), seg(4, "cam-b", "sub", null, 3, 10),
                seg(5, "cam-b", "main", null, 3, 10)), r, ROOMY);
        assertEquals(List.of(3L, 1L, 4L), p.ids());
        assertEquals(60, r.daysFor(seg(9, "cam-a", "sub", null, 0, 1)));
        assertEquals(7, r.daysFor(seg(9, "cam-a", "main", null, 0, 1)));
        assertEquals(30, r.daysFor(seg(9, "cam-b", "main", null, 0, 1)));
    }

    @Test
    void eventTypeOverrideKeepsMotionLongerOrShorter() {
        RetentionRules r = new RetentionRules(30, Map.of("cam-a", 20), Map.of(new StreamKey("cam-a", "main"), 25),
                Map.of("motion", 90, "person", 3), 80, 2, 1.0);
        RetentionPlan p = plan(List.of(seg(1, "cam-a", "main", "motion", 40, 10),
                seg(2, "cam-a", "main", "continuous", 40, 10), seg(3, "cam-b", "main", "motion", 91, 10),
                seg(4, "cam-a", "main", "person", 4, 10), seg(5, "cam-a", "main", "person", 2, 10),
                seg(6, "cam-a", "main", null, 26, 10)), r, ROOMY);
        assertEquals(List.of(3L, 2L, 6L, 4L), p.ids());
        assertEquals(90, r.daysFor(seg(9, "cam-a", "main", "motion", 0, 1)));
        assertEquals(25, r.daysFor(seg(9, "cam-a", "main", "continuous", 0, 1)));
    }

    @Test
    void continuousIsTheTypeOfSegmentsWithoutOne() {
        RetentionRules r = new RetentionRules(30, Map.of("cam-a", 20), null, Map.of("continuous", 5), 80, 2, 1.0);
        assertEquals(5, r.daysFor(seg(9, "cam-a", "main", null, 0, 1)));
        assertEquals(5, r.daysFor(seg(9, "cam-a", null, "continuous", 0, 1)));
        assertEquals(20, r.daysFor(seg(9, "cam-a", null, "motion", 0, 1)));
        assertEquals(List.of(1L), plan(List.of(seg(1, "cam-a", "main", null, 6, 10)), r, ROOMY).ids());
    }

    @Test
    void zeroDaysKeepsForeverAtEveryLevel() {
        assertEquals(0, plan(List.of(seg(1, "cam-a", 3650)), rules(0), ROOMY).count());
        RetentionRules r = new RetentionRules(30, Map.of("cam-a", 0), Map.of(new StreamKey("cam-b", "main"), 0),
                Map.of("motion", 0), 80, 2, 1.0);
        RetentionPlan p = plan(List.of(seg(1, "cam-a", 3650), seg(2, "cam-b", 3650),
                seg(3, "cam-c", "main", "motion", 3650, 10), seg(4, "cam-c", 3650)), r, ROOMY);
        assertEquals(List.of(4L), p.ids());
        RetentionRules onlyCamera = new RetentionRules(0, Map.of("cam-a", 7), null, null, 80, 2, 1.0);
        assertEquals(List.of(1L), plan(List.of(seg(1, "cam-a", 8), seg(2, "cam-b", 3650)), onlyCamera, ROOMY).ids());
    }

    @Test
    void aSegmentExpiresOnlyWhenItEndsBeforeTheCutoff() {
        Instant cutoff = NOW.minus(Duration.ofDays(30));
        RetentionCandidate atCutoff = new RetentionCandidate(1, "cam-a", "main", null, cutoff.minusSeconds(60), cutoff,
                10, false, false);
        RetentionCandidate justBefore = new RetentionCandidate(2, "cam-a", "main", null, cutoff.minusSeconds(60),
                cutoff.minusMillis(1), 10, false, false);
        RetentionCandidate straddling = new RetentionCandidate(3, "cam-a", "main", null, cutoff.minusSeconds(60),
                cutoff.plusMillis(1), 10, false, false);
        RetentionPlan p = plan(List.of(atCutoff, justBefore, straddling), rules(30), ROOMY);
        assertEquals(List.of(2L), p.ids());
        assertEquals(RETENTION_AGE, p.deletions().get(0).reason());
    }

    // --- disk ---

    @Test
    void diskUsageDeletesTheOldestAcrossCameras() {
        Instant t0 = NOW.minus(Duration.ofDays(3));
        List<RetentionCandidate> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(startingAt(100 - i, i % 2 == 0 ? "cam-a" : "cam-b", t0.plus(Duration.ofMinutes(30L * i))));
        }
        List<RetentionCandidate> shuffled = new ArrayList<>(all);
        Collections.reverse(shuffled);
        RetentionPlan p = plan(shuffled, rules(0), new DiskSpace(1000, 835));
        // 835 − 780 = 55 bytes: six 10-byte segments, alternating cameras, oldest first
        assertEquals(List.of(100L, 99L, 98L, 97L, 96L, 95L), p.ids());
        assertEquals(List.of("cam-a", "cam-b", "cam-a", "cam-b", "cam-a", "cam-b"),
                p.deletions().stream().map(d -> d.segment().cameraId()).toList());
        assertEquals(6, p.byReason(DISK_USAGE).size());
        assertEquals(55, p.bytesToFree());
        assertTrue(p.diskTargetReached());
    }

    @Test
    void equalStartsAreOrderedById() {
        Instant start = NOW.minus(Duration.ofDays(1));
        RetentionPlan p = plan(List.of(startingAt(7, "cam-b", start), startingAt(3, "cam-a", start),
                startingAt(5, "cam-c", start), startingAt(1, "cam-a", start.plusSeconds(1))), rules(0),
                new DiskSpace(1000, 805));
        assertEquals(List.of(3L, 5L, 7L), p.ids());
    }

    @Test
    void hysteresisGoesBelowTheThreshold() {
        List<RetentionCandidate> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(seg(i, "cam-a", 20 - i));
        }
        RetentionPlan p = plan(all, rules(0), FULL);
        // down to 78 % (780 bytes) is 7 segments; down to 80 % would have been 5
        assertEquals(7, p.count());
        assertEquals(70, p.freedBytes());
        assertEquals(70, p.bytesToFree());
        RetentionRules noHysteresis = new RetentionRules(0, null, null, null, 80, 0, 1.0);
        assertEquals(5, plan(all, noHysteresis, FULL).count());
    }

    @Test
    void atOrUnderTheThresholdNothingIsDeletedForDisk() {
        List<RetentionCandidate> all = List.of(seg(1, "cam-a", 5), seg(2, "cam-b", 4));
        for (long used : new long[] {800, 790, 0}) {
            RetentionPlan p = plan(all, rules(0), new DiskSpace(1000, used));
            assertEquals(0, p.count(), "used " + used);
            assertEquals(0, p.bytesToFree());
            assertTrue(p.diskTargetReached());
        }
        assertEquals(2, plan(all, rules(0), new DiskSpace(1000, 801)).count(), "just above: down to 78 %");
    }

    @Test
    void bytesFreedByAgeCountTowardTheDiskTarget() {
        List<RetentionCandidate> all = List.of(seg(1, "cam-a", "main", null, 40, 30), seg(2, "cam-b", "main", null, 35, 30),
                seg(3, "cam-a", "main", null, 20, 10), seg(4, "cam-b", "main", null, 10, 10), seg(5, "cam-a", 5));
        RetentionPlan p = plan(all, rules(30), FULL);
        assertEquals(List.of(1L, 2L, 3L), p.ids());
        assertEquals(List.of(1L, 2L), ids(p.byReason(RETENTION_AGE)));
        assertEquals(List.of(3L), ids(p.byReason(DISK_USAGE)));
        assertEquals(70, p.freedBytes());
        assertTrue(p.diskTargetReached());

        RetentionPlan ageEnough = plan(all, rules(15), FULL);
        assertEquals(List.of(1L, 2L, 3L), ids(ageEnough.byReason(RETENTION_AGE)));
        assertEquals(List.of(), ageEnough.byReason(DISK_USAGE));
        assertTrue(ageEnough.diskTargetReached());
    }

    @Test
    void noSegmentIsListedTwice() {
        List<RetentionCandidate> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(seg(i, i % 3 == 0 ? "cam-a" : "cam-b", 60 - 2 * i));
        }
        all.add(seg(5, "cam-b", 50)); // the same id again
        RetentionPlan p = RetentionPolicy.plan(all, rules(30), new DiskSpace(1000, 990), 10_000, NOW);
        assertEquals(p.count(), new HashSet<>(p.ids()).size());
        assertEquals(15, p.byReason(RETENTION_AGE).size());
        assertEquals(6, p.byReason(DISK_USAGE).size());
        assertEquals(210, p.bytesToFree());
        List<Deletion> sorted = new ArrayList<>(p.deletions());
        sorted.sort((a, b) -> a.segment().start().compareTo(b.segment().start()));
        assertEquals(sorted, p.deletions());
    }

    @Test
    void anUnreachableTargetSaysHowMuchWasWanted() {
        RetentionPlan p = plan(List.of(seg(1, "cam-a", 3), held(seg(2, "cam-a", 2)), seg(3, "cam-b", 1)), rules(0),
                new DiskSpace(1000, 950));
        assertEquals(List.of(1L, 3L), p.ids());
        assertFalse(p.diskTargetReached());
        assertEquals(170, p.bytesToFree());
        assertEquals(20, p.freedBytes());
    }

    // --- never selected ---

    @Test
    void heldSegmentsAreSkippedByEveryRule() {
        List<RetentionCandidate> all = List.of(held(seg(1, "cam-a", 100)), seg(2, "cam-a", 90), held(seg(3, "cam-b", 1)),
                seg(4, "cam-b", 0.5));
        RetentionPlan p = plan(all, rules(30), new DiskSpace(1000, 1000));
        assertEquals(List.of(2L, 4L), p.ids());
        assertEquals(List.of(2L), ids(p.byReason(RETENTION_AGE)));
        assertEquals(List.of(2L, 4L), RetentionPolicy.prune(all, 0, NOW).ids());
    }

    @Test
    void segmentsInUseOrEndingAfterNowAreNeverSelected() {
        RetentionCandidate skewed = new RetentionCandidate(3, "cam-a", "main", null, daysAgo(100),
                NOW.plusSeconds(1), 10, false, false);
        RetentionCandidate endsNow = new RetentionCandidate(4, "cam-b", "main", null, daysAgo(0.5), NOW, 10, false, false);
        List<RetentionCandidate> all = List.of(inUse(seg(1, "cam-a", 100)), seg(2, "cam-a", 90), skewed, endsNow);
        RetentionPlan p = plan(all, rules(30), new DiskSpace(1000, 1000));
        assertEquals(List.of(2L, 4L), p.ids());
        assertFalse(p.diskTargetReached());
        assertEquals(List.of(2L), RetentionPolicy.prune(all, 0, NOW).ids(), "a prune takes what ended before now");
    }

    // --- safety stop ---

    @Test
    void safetyStopWithholdsAgeDeletionsButNotDiskOnes() {
        List<RetentionCandidate> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(seg(i, "cam-a", 36 - i)); // 6 of 10 expire at 30 days: 60 % of the footage
        }
        RetentionPlan calm = plan(all, withShare(30, 0.5), ROOMY);
        assertTrue(calm.safetyStop());
        assertEquals(0, calm.count());
        String message = calm.safetyMessage();
        assertTrue(message.contains("6 segments"), message);
        assertTrue(message.contains("60 bytes"), message);
        assertTrue(message.contains("60.0 %"), message);
        assertTrue(message.contains("of 100 bytes"), message);
        assertTrue(message.contains("limit of 50.0 %"), message);

        RetentionPlan full = plan(all, withShare(30, 0.5), FULL);
        assertTrue(full.safetyStop());
        assertEquals(List.of(), full.byReason(RETENTION_AGE));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), full.ids());
        assertEquals(7, full.byReason(DISK_USAGE).size());
        assertTrue(full.diskTargetReached());
    }

    @Test
    void safetyStopIsMeasuredAgainstAllFootage() {
        List<RetentionCandidate> all = List.of(seg(1, "cam-a", 40), seg(2, "cam-a", 35), seg(3, "cam-a", 1));
        RetentionPlan stopped = RetentionPolicy.plan(all, withShare(30, 0.5), ROOMY, 30, NOW);
        assertTrue(stopped.safetyStop());
        RetentionPlan ofAll = RetentionPolicy.plan(all, withShare(30, 0.5), ROOMY, 40, NOW);
        assertFalse(ofAll.safetyStop(), "exactly at the limit is allowed");
        assertEquals(List.of(1L, 2L), ofAll.ids());
        assertFalse(RetentionPolicy.plan(all, withShare(30, 0.5), ROOMY, 1000, NOW).safetyStop());
        assertTrue(RetentionPolicy.plan(all, withShare(30, 0.5), ROOMY, 0, NOW).safetyStop(),
                "a total below the candidates' sum counts as that sum");
    }

    @Test
    void aShareOfOneOrMoreDisablesTheSafetyStop() {
        List<RetentionCandidate> all = List.of(seg(1, "cam-a", 40), seg(2, "cam-b", 35));
        assertTrue(plan(all, withShare(30, 0.99), ROOMY).safetyStop());
        for (double share : new double[] {1.0, 2.0}) {
            RetentionPlan p = plan(all, withShare(30, share), ROOMY);
            assertFalse(p.safetyStop());
            assertEquals(List.of(1L, 2L), ids(p.byReason(RETENTION_AGE)));
        }
    }

    // --- manual prune ---

    @Test
    void pruneDeletesEverythingThatEndedBeforeTheCutoffWithoutSafetyStop() {
        List<RetentionCandidate> all = List.of(seg(3, "cam-b", 8), seg(1, "cam-a", 10), seg(2, "cam-a", 7),
                seg(4, "cam-b", 6.9));
        RetentionPlan p = RetentionPolicy.prune(all, 7, NOW);
        assertEquals(List.of(1L, 3L), p.ids());
        assertEquals(List.of(MANUAL, MANUAL), p.deletions().stream().map(Deletion::reason).toList());
        assertFalse(p.safetyStop());
        assertEquals(4, RetentionPolicy.prune(all, 0, NOW).count());
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.prune(all, -1, NOW));
    }

    // --- values ---

    @Test
    void rulesAreValidatedAndNameTheField() {
        assertRejects("defaultDays", () -> new RetentionRules(-1, null, null, null, 80, 2, 0.5));
        assertRejects("cameraDays", () -> new RetentionRules(30, Map.of("cam-a", -1), null, null, 80, 2, 0.5));
        assertRejects("streamDays", () -> new RetentionRules(30, null, Map.of(new StreamKey("a", "b"), -1), null,
                80, 2, 0.5));
        assertRejects("eventTypeDays", () -> new RetentionRules(30, null, null, Map.of("motion", -3), 80, 2, 0.5));
        for (double percent : new double[] {0, -1, 100.1, Double.NaN}) {
            assertRejects("maxDiskUsagePercent", () -> new RetentionRules(30, null, null, null, percent, 0, 0.5));
        }
        for (double hysteresis : new double[] {-0.1, 80, 81, Double.NaN}) {
            assertRejects("hysteresisPercent", () -> new RetentionRules(30, null, null, null, 80, hysteresis, 0.5));
        }
        for (double share : new double[] {0, -0.5, Double.NaN}) {
            assertRejects("maxShareAtOnce", () -> new RetentionRules(30, null, null, null, 80, 2, share));
        }
        new RetentionRules(0, null, null, null, 100, 99.9, 0.01); // the edges that are allowed
    }

    @Test
    void rulesCopyTheirMapsAndDropNullOverrides() {
        Map<String, Integer> cameras = new HashMap<>();
        cameras.put("cam-a", 7);
        cameras.put("cam-b", null);
        RetentionRules r = new RetentionRules(30, cameras, null, null, 80, 2, 0.5);
        cameras.put("cam-a", 1);
        assertEquals(Map.of("cam-a", 7), r.cameraDays());
        assertEquals(Map.of(), r.streamDays());
        assertEquals(Map.of(), r.eventTypeDays());
        assertEquals(30, r.daysFor(seg(9, "cam-b", 0)));
        assertThrows(UnsupportedOperationException.class, () -> r.cameraDays().put("cam-c", 1));
    }

    @Test
    void diskSpacePlanHelpersAndWireNames() {
        assertEquals(85.0, FULL.usedPercent(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new DiskSpace(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DiskSpace(100, 101));
        assertEquals(List.of("retention_age", "disk_usage", "manual"),
                List.of(RETENTION_AGE.wireName(), DISK_USAGE.wireName(), MANUAL.wireName()));
        assertEquals(DISK_USAGE, DeletionReason.fromWireName("disk_usage"));
        RetentionPlan p = plan(List.of(seg(1, "cam-a", "main", null, 40, 30), seg(2, "cam-a", "main", null, 1, 70)),
                rules(30), FULL);
        assertEquals(2, p.count());
        assertEquals(100, p.freedBytes());
        assertEquals(List.of(1L), ids(p.byReason(RETENTION_AGE)));
        assertEquals(List.of(), p.byReason(MANUAL));
    }

    private static void assertRejects(String field, Executable construct) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct);
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }
}
