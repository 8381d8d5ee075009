package io.keyframe.retention.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the recording filesystem holds and how long footage will last at the current write rate:
 * the answer of {@code GET /storage}, built by a pure function of the catalog's totals, the disk,
 * the cleanup limits and a given {@link Instant}.
 *
 * @param disk      the filesystem of the recording root
 * @param footage   all ready segments (camera id {@code null})
 * @param cameras   ready segments per camera, by camera id
 * @param writeRate bytes recorded per day, or {@code null} when there is no footage
 * @param forecast  what the disk limit and the retention limit leave room for
 */
public record StorageReport(DiskSpace disk, Footage footage, List<Footage> cameras, WriteRate writeRate,
                            Forecast forecast) {

    /** The write rate looks back this far, or to the oldest footage when that is more recent. */
    public static final Duration RATE_WINDOW = Duration.ofDays(1);

    /** Which limit ends a segment's life first. */
    public enum Limit {
        DISK("disk"), RETENTION("retention");

        private final String json;

        Limit(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /**
     * Ready segments of one camera (or of all, with a {@code null} camera id).
     *
     * @param oldest      the earliest segment start, {@code null} without segments
     * @param newest      the latest segment end, {@code null} without segments
     * @param recentBytes bytes of the segments that started within {@link #RATE_WINDOW} before now
     */
    public record Footage(String cameraId, long bytes, long segments, Instant oldest, Instant newest,
                          long recentBytes) {

        /** Totals over several cameras. */
        static Footage total(List<Footage> cameras) {
            long bytes = 0;
            long segments = 0;
            long recent = 0;
            Instant oldest = null;
            Instant newest = null;
            for (Footage f : cameras) {
                bytes += f.bytes;
                segments += f.segments;
                recent += f.recentBytes;
                if (f.oldest != null && (oldest == null || f.oldest.isBefore(oldest))) {
                    oldest = f.oldest;
                }
                if (f.newest != null && (newest == null || f.newest.isAfter(newest))) {
                    newest = f.newest;
                }
            }
            return new Footage(null, bytes, segments, oldest, newest, recent);
        }
    }

    /** Bytes recorded per day, measured over {@code window}. */
    public record WriteRate(long bytesPerDay, Duration window) {
    }

    /**
     * @param footageCapacityBytes what footage may occupy: the disk limit minus the files that are not footage
     * @param daysKept             days of footage that fit, capped by the retention days; {@code null}
     *                             when nothing is being written
     * @param limitedBy            the limit that {@code daysKept} comes from, {@code null} with it
     */
    public record Forecast(long footageCapacityBytes, Double daysKept, Limit limitedBy) {
    }

    /** The report for these per-camera totals; {@code now} ends the write-rate window. */
    public static StorageReport of(DiskSpace disk, List<Footage> cameras, Instant now, int maxDiskUsagePercent,
                                   int maxRetentionDays) {
        Footage total = Footage.total(cameras);
        WriteRate rate = writeRate(total.recentBytes(), total.oldest(), now);
        Forecast forecast = forecast(disk, total.bytes(), maxDiskUsagePercent, maxRetentionDays,
                rate == null ? null : rate.bytesPerDay());
        return new StorageReport(disk, total, List.copyOf(cameras), rate, forecast);
    }

    /**
     * Bytes per day from the bytes of segments that started in the last {@link #RATE_WINDOW}: the
     * window is shorter when the oldest footage is more recent, and the bytes are scaled up to a day.
     *
     * @return {@code null} without footage (no oldest start) or when the oldest start is not before now
     */
    public static WriteRate writeRate(long recentBytes, Instant oldestStart, Instant now) {
        Objects.requireNonNull(now, "now");
        if (oldestStart == null || !oldestStart.isBefore(now)) {
            return null;
        }
        Duration window = Duration.between(oldestStart, now);
        if (window.compareTo(RATE_WINDOW) >= 0) {
            return new WriteRate(recentBytes, RATE_WINDOW);
        }
        long perDay = Math.round(recentBytes * ((double) RATE_WINDOW.toNanos() / window.toNanos()));
        return new WriteRate(perDay, window);
    }

    /**
     * Footage may fill the disk up to {@code maxDiskUsagePercent} of its size, less what other files
     * use (used − footage, at least 0); at {@code bytesPerDay} that lasts capacity / rate days, unless
     * {@code maxRetentionDays} (when above 0) deletes footage sooner.
     */
    public static Forecast forecast(DiskSpace disk, long footageBytes, int maxDiskUsagePercent, int maxRetentionDays,
                                    Long bytesPerDay) {
        if (maxDiskUsagePercent < 0 || maxDiskUsagePercent > 100) {
            throw new IllegalArgumentException("maxDiskUsagePercent must be from 0 to 100, got " + maxDiskUsagePercent);
        }
        if (footageBytes < 0 || maxRetentionDays < 0 || (bytesPerDay != null && bytesPerDay < 0)) {
            throw new IllegalArgumentException("footage bytes, retention days and the rate must not be negative");
        }
        long nonFootage = Math.max(0, disk.usedBytes() - footageBytes);
        long allowed = percentOf(disk.totalBytes(), maxDiskUsagePercent);
        long capacity = Math.max(0, allowed - nonFootage);
        if (bytesPerDay == null || bytesPerDay == 0) {
            return new Forecast(capacity, null, null);
        }
        double days = (double) capacity / bytesPerDay;
        if (maxRetentionDays > 0 && days > maxRetentionDays) {
            return new Forecast(capacity, (double) maxRetentionDays, Limit.RETENTION);
        }
        return new Forecast(capacity, days, Limit.DISK);
    }

    /** {@code floor(total × percent / 100)} without overflow for any disk size. */
    static long percentOf(long total, int percent) {
        return total / 100 * percent + total % 100 * percent / 100;
    }
}
