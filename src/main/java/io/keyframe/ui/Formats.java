package io.keyframe.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the operator pages write numbers and times: short, in the server's time zone. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Formats() {
    }

    public static String time(Instant at) {
        return at == null ? "–" : TIME.format(at.atZone(ZoneId.systemDefault()));
    }

    public static String dateTime(Instant at) {
        return StorageFigures.time(at, ZoneId.systemDefault());
    }

    /** {@code 12:03:04 (8 s ago)}; today's times without the date. */
    public static String ago(Instant at, Instant now) {
        if (at == null) {
            return "–";
        }
        return (at.isAfter(now.minus(Duration.ofHours(20))) ? time(at) : dateTime(at)) + " (" + duration(Duration.between(at, now)) + " ago)";
    }

    /** {@code 8 s}, {@code 4 min}, {@code 3 h 10 min}, {@code 2 d 4 h}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }

    /** A ratio 0..1 as a percentage with two decimals. */
    public static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f %%", ratio * 100);
    }

    public static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Bits per second in kbit/s or Mbit/s. */
    public static String bitrate(long bps) {
        if (bps >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2f Mbit/s", bps / 1e6);
        }
        return String.format(Locale.ROOT, "%d kbit/s", Math.round(bps / 1e3));
    }
}
