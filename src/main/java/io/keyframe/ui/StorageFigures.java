package io.keyframe.ui;

import io.keyframe.retention.control.StorageReport;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the Storage page words its numbers: sizes, times in the server's zone, the forecast. Pure. */
final class StorageFigures {

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** Within this many points below the cleanup target the disk bar turns amber. */
    static final double NEAR_TARGET_POINTS = 5;

    private StorageFigures() {
    }

    /** {@code 0 B}, {@code 999 B}, {@code 1.5 kB}, {@code 12.3 GB}: decimal units, as disks are sold. */
    static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 999.95 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 2026-11-29 10:15:03} in {@code zone}; an em dash for none. */
    static String time(Instant instant, ZoneId zone) {
        return instant == null ? "—" : TIME.format(instant.atZone(zone));
    }

    /** The disk bar's level: {@code ok}, {@code near} (within {@link #NEAR_TARGET_POINTS} of the target) or {@code over}. */
    static String level(double usedPercent, int targetPercent) {
        if (usedPercent > targetPercent) {
            return "over";
        }
        return usedPercent > targetPercent - NEAR_TARGET_POINTS ? "near" : "ok";
    }

    /** A percentage for a CSS width, clamped to 0–100, with a dot as decimal separator. */
    static String cssPercent(double percent) {
        return String.format(Locale.ROOT, "%.2f%%", Math.max(0, Math.min(100, percent)));
    }

    /** {@code 12.3 days}, {@code 1 day}, {@code 0.4 days}. */
    static String days(double days) {
        if (days >= 100) {
            return String.format(Locale.ROOT, "%.0f days", days);
        }
        String number = String.format(Locale.ROOT, "%.1f", days);
        return number.equals("1.0") ? "1 day" : number + " days";
    }

    /** {@code 45 s}, {@code 10 min}, {@code 1 h}, {@code 1 h 30 min}, {@code 2 days}. */
    static String interval(java.time.Duration duration) {
        long secs = duration.toSeconds();
        if (secs < 60 || secs % 60 != 0) {
            return secs + " s";
        }
        long minutes = secs / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes % (24 * 60) == 0) {
            long d = minutes / (24 * 60);
            return d + (d == 1 ? " day" : " days");
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    /** One sentence on what limits how long footage is kept. */
    static String limit(StorageReport report, int maxDiskUsagePercent, int maxRetentionDays) {
        StorageReport.Forecast forecast = report.forecast();
        if (forecast.daysKept() == null) {
            return "Nothing was recorded in the last day, so there is no write rate to forecast from.";
        }
        if (forecast.limitedBy() == StorageReport.Limit.RETENTION) {
            return "Limited by retention: footage older than " + maxRetentionDays
                    + " days is deleted before the disk fills up.";
        }
        return "Limited by the disk: footage may use " + bytes(forecast.footageCapacityBytes()) + " (up to "
                + maxDiskUsagePercent + " % of the disk); then the oldest footage is deleted first.";
    }
}
