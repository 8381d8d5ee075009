package io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyframe.retention.control.DiskSpace;
import io.keyframe.retention.control.StorageReport;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageFiguresTest {

    @Test
    void sizesUseDecimalUnitsWithOneDecimal() {
        assertEquals("0 B", StorageFigures.bytes(0));
        assertEquals("999 B", StorageFigures.bytes(999));
        assertEquals("1.0 kB", StorageFigures.bytes(1000));
        assertEquals("1.5 MB", StorageFigures.bytes(1_500_000));
        assertEquals("1.0 GB", StorageFigures.bytes(999_990_000)); // rounds up into the next unit, not "1000.0 MB"
        assertEquals("2.0 TB", StorageFigures.bytes(2_000_000_000_000L));
        assertEquals("9.2 EB", StorageFigures.bytes(Long.MAX_VALUE));
    }

    @Test
    void timesAreShownInTheGivenZone() {
        Instant at = Instant.parse("2026-11-29T10:15:03.456Z");
        assertEquals("2026-11-29 11:15:03", StorageFigures.time(at, ZoneId.of("Europe/Berlin")));
        assertEquals("2026-11-29 10:15:03", StorageFigures.time(at, ZoneId.of("UTC")));
        assertEquals("—", StorageFigures.time(null, ZoneId.of("UTC")));
    }

    @Test
    void theDiskBarWarnsNearTheTargetAndAlarmsAboveIt() {
        assertEquals("ok", StorageFigures.level(50, 80));
        assertEquals("near", StorageFigures.level(76, 80));
        assertEquals("near", StorageFigures.level(80, 80));
        assertEquals("over", StorageFigures.level(80.1, 80));
        assertEquals("42.13%", StorageFigures.cssPercent(42.1289));
        assertEquals("100.00%", StorageFigures.cssPercent(130));
        assertEquals("0.00%", StorageFigures.cssPercent(-1));
    }

    @Test
    void daysReadNaturally() {
        assertEquals("1 day", StorageFigures.days(1.0));
        assertEquals("0.4 days", StorageFigures.days(0.42));
        assertEquals("12.3 days", StorageFigures.days(12.34));
        assertEquals("365 days", StorageFigures.days(365.2));
    }

    @Test
    void intervalsUseTheLargestWholeUnit() {
        assertEquals("45 s", StorageFigures.interval(java.time.Duration.ofSeconds(45)));
        assertEquals("90 s", StorageFigures.interval(java.time.Duration.ofSeconds(90)));
        assertEquals("10 min", StorageFigures.interval(java.time.Duration.ofMinutes(10)));
        assertEquals("1 h", StorageFigures.interval(java.time.Duration.ofHours(1)));
        assertEquals("1 h 30 min", StorageFigures.interval(java.time.Duration.ofMinutes(90)));
        assertEquals("1 day", StorageFigures.interval(java.time.Duration.ofDays(1)));
        assertEquals("7 days", StorageFigures.interval(java.time.Duration.ofDays(7)));
    }

    @Test
    void theForecastNamesWhatLimitsIt() {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        DiskSpace disk = new DiskSpace(1_000_000_000_000L, 100_000_000_000L);
        StorageReport.Footage cam = new StorageReport.Footage("lobby", 50_000_000_000L, 100, now.minusSeconds(3 * 86_400),
                now, 10_000_000_000L);
        StorageReport byDisk = StorageReport.of(disk, List.of(cam), now, 80, 365);
        assertEquals(StorageReport.Limit.DISK, byDisk.forecast().limitedBy());
        assertEquals("Limited by the disk: footage may use 750.0 GB (up to 80 % of the disk); then the oldest footage is"
                + " deleted first.", StorageFigures.limit(byDisk, 80, 365));
        StorageReport byAge = StorageReport.of(disk, List.of(cam), now, 80, 30);
        assertEquals("Limited by retention: footage older than 30 days is deleted before the disk fills up.",
                StorageFigures.limit(byAge, 80, 30));
        StorageReport idle = StorageReport.of(disk, List.of(), now, 80, 30);
        assertEquals("Nothing was recorded in the last day, so there is no write rate to forecast from.",
                StorageFigures.limit(idle, 80, 30));
    }
}
