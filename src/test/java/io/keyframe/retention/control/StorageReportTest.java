package io.keyframe.retention.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyframe.retention.control.StorageReport.Footage;
import io.keyframe.retention.control.StorageReport.Forecast;
import io.keyframe.retention.control.StorageReport.Limit;
import io.keyframe.retention.control.StorageReport.WriteRate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageReportTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final long GB = 1_000_000_000L;

    @Test
    void aFullDayOfFootageGivesTheBytesOfTheLastDay() {
        WriteRate rate = StorageReport.writeRate(40 * GB, NOW.minus(Duration.ofDays(10)), NOW);
        assertEquals(new WriteRate(40 * GB, Duration.ofDays(1)), rate);
        assertEquals(Duration.ofDays(1), StorageReport.writeRate(7, NOW.minus(Duration.ofDays(1)), NOW).window());
    }

    @Test
    void lessThanADayOfFootageIsScaledUpToADay() {
        // 6 hours of footage, 10 GB: 40 GB a day
        assertEquals(new WriteRate(40 * GB, Duration.ofHours(6)),
                StorageReport.writeRate(10 * GB, NOW.minus(Duration.ofHours(6)), NOW));
        // 90 seconds, 1500 bytes: 1 440 000 bytes a day
        assertEquals(1_440_000, StorageReport.writeRate(1500, NOW.minusSeconds(90), NOW).bytesPerDay());
    }

    @Test
    void noFootageOrFootageOnlyFromNowOnHasNoRate() {
        assertNull(StorageReport.writeRate(0, null, NOW));
        assertNull(StorageReport.writeRate(10, NOW, NOW));
        assertNull(StorageReport.writeRate(10, NOW.plusSeconds(5), NOW));
    }

    @Test
    void nothingWrittenInTheLastDayIsARateOfZero() {
        assertEquals(new WriteRate(0, Duration.ofDays(1)), StorageReport.writeRate(0, NOW.minus(Duration.ofDays(3)), NOW));
    }

    @Test
    void capacityIsTheDiskLimitLessWhatIsNotFootage() {
        // 1000 GB disk, 80 % allowed = 800 GB; 300 GB used of which 200 GB footage: 100 GB other files
        Forecast f = StorageReport.forecast(new DiskSpace(1000 * GB, 300 * GB), 200 * GB, 80, 0, 50 * GB);
        assertEquals(700 * GB, f.footageCapacityBytes());
        assertEquals(14.0, f.daysKept());
        assertEquals(Limit.DISK, f.limitedBy());
    }

    @Test
    void footageCountedAboveWhatTheDiskUsesLeavesNoOtherFiles() {
        // the catalog claims more than the disk holds (e.g. files removed by hand): other files floor at 0
        Forecast f = StorageReport.forecast(new DiskSpace(1000, 100), 500, 50, 0, 100L);
        assertEquals(500, f.footageCapacityBytes());
        assertEquals(5.0, f.daysKept());
    }

    @Test
    void otherFilesAboveTheLimitLeaveNoCapacity() {
        Forecast f = StorageReport.forecast(new DiskSpace(1000, 900), 0, 80, 30, 10L);
        assertEquals(0, f.footageCapacityBytes());
        assertEquals(0.0, f.daysKept());
        assertEquals(Limit.DISK, f.limitedBy());
    }

    @Test
    void retentionCapsTheDaysWhenTheDiskWouldKeepMore() {
        Forecast f = StorageReport.forecast(new DiskSpace(1000 * GB, 0), 0, 90, 30, 10 * GB);
        assertEquals(900 * GB, f.footageCapacityBytes());
        assertEquals(30.0, f.daysKept());
        assertEquals(Limit.RETENTION, f.limitedBy());
        // exactly at the retention days the disk is the limit named
        Forecast even = StorageReport.forecast(new DiskSpace(1000 * GB, 0), 0, 90, 30, 30 * GB);
        assertEquals(30.0, even.daysKept());
        assertEquals(Limit.DISK, even.limitedBy());
        // 0 retention days: age never deletes, the disk decides
        Forecast noAge = StorageReport.forecast(new DiskSpace(1000 * GB, 0), 0, 90, 0, 10 * GB);
        assertEquals(90.0, noAge.daysKept());
        assertEquals(Limit.DISK, noAge.limitedBy());
    }

    @Test
    void fractionalDaysAreKept() {
        Forecast f = StorageReport.forecast(new DiskSpace(1000, 0), 0, 50, 30, 200L);
        assertEquals(2.5, f.daysKept());
    }

    @Test
    void noRateOrAZeroRateHasNoDaysKept() {
        for (Long rate : new Long[] {null, 0L}) {
            Forecast f = StorageReport.forecast(new DiskSpace(1000, 100), 50, 80, 30, rate);
            assertEquals(750, f.footageCapacityBytes());
            assertNull(f.daysKept());
            assertNull(f.limitedBy());
        }
    }

    @Test
    void percentOfDoesNotOverflowOnHugeDisks() {
        long huge = Long.MAX_VALUE - 7;
        assertEquals(huge / 100 * 99 + huge % 100 * 99 / 100, StorageReport.percentOf(huge, 99));
        assertEquals(799, StorageReport.percentOf(999, 80));
        assertEquals(1000, StorageReport.percentOf(1000, 100));
        assertEquals(0, StorageReport.percentOf(1000, 0));
    }

    @Test
    void badLimitsAreRefused() {
        DiskSpace disk = new DiskSpace(1000, 0);
        assertThrows(IllegalArgumentException.class, () -> StorageReport.forecast(disk, 0, 101, 0, 1L));
        assertThrows(IllegalArgumentException.class, () -> StorageReport.forecast(disk, -1, 80, 0, 1L));
        assertThrows(IllegalArgumentException.class, () -> StorageReport.forecast(disk, 0, 80, -1, 1L));
        assertThrows(IllegalArgumentException.class, () -> StorageReport.forecast(disk, 0, 80, 0, -1L));
    }

    @Test
    void theReportTotalsCamerasAndForecastsFromTheTotals() {
        List<Footage> cameras = List.of(
                new Footage("a", 300, 3, NOW.minus(Duration.ofHours(12)), NOW.minusSeconds(60), 300),
                new Footage("b", 100, 1, NOW.minus(Duration.ofHours(3)), NOW, 100),
                new Footage("c", 50, 2, NOW.minus(Duration.ofHours(1)), NOW.minusSeconds(3600), 40));
        StorageReport report = StorageReport.of(new DiskSpace(10_000, 2_450), cameras, NOW, 50, 0);
        Footage total = report.footage();
        assertEquals(new Footage(null, 450, 6, NOW.minus(Duration.ofHours(12)), NOW, 440), total);
        // 12 hours of footage, 440 bytes: 880 a day
        assertEquals(new WriteRate(880, Duration.ofHours(12)), report.writeRate());
        // 5000 allowed − (2450 − 450) other files = 3000; 3000 / 880 days
        assertEquals(3000, report.forecast().footageCapacityBytes());
        assertEquals(3000.0 / 880, report.forecast().daysKept(), 1e-9);
        assertEquals(cameras, report.cameras());
    }

    @Test
    void anEmptyCatalogHasNoRateAndNoForecastDays() {
        StorageReport report = StorageReport.of(new DiskSpace(10_000, 1_000), List.of(), NOW, 80, 30);
        assertEquals(new Footage(null, 0, 0, null, null, 0), report.footage());
        assertNull(report.writeRate());
        assertEquals(new Forecast(7_000, null, null), report.forecast());
    }
}
