package io.keyframe.ui;

import io.keyframe.schedule.entity.Minutes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ranges of one day as an operator types them: {@code 08:00-12:00, 13:00-18:00} (commas or
 * semicolons between ranges, {@code 24:00} as an end only). The grid editor of the Schedules page
 * writes the same text, so one parser checks both.
 */
public final class DayRanges {

    /** A range {@code [start, end)} in minutes of the day. */
    public record Range(int start, int end) {
    }

    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*[-\u2013]\\s*(\\d{1,2}):(\\d{2})\\s*");
    private static final int MAX_RANGES = 48;

    private DayRanges() {
    }

    /**
     * Sorted ranges; empty for blank text.
     *
     * @throws IllegalArgumentException with a message fit to show next to the field
     */
    public static List<Range> parse(String text) {
        List<Range> ranges = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return ranges;
        }
        for (String part : text.split("[,;]")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = RANGE.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + shorten(part.strip()) + "' is not a range; write HH:MM-HH:MM,"
                        + " such as 08:00-12:00, 13:00-18:00");
            }
            int start = minute(m.group(1), m.group(2), false);
            int end = minute(m.group(3), m.group(4), true);
            if (start >= end) {
                throw new IllegalArgumentException(part.strip() + ": the start must be before the end");
            }
            ranges.add(new Range(start, end));
        }
        if (ranges.size() > MAX_RANGES) {
            throw new IllegalArgumentException("at most " + MAX_RANGES + " ranges a day");
        }
        ranges.sort(Comparator.comparingInt(Range::start));
        for (int i = 1; i < ranges.size(); i++) {
            Range a = ranges.get(i - 1);
            Range b = ranges.get(i);
            if (b.start() < a.end()) {
                throw new IllegalArgumentException(format(List.of(a)) + " and " + format(List.of(b)) + " overlap");
            }
        }
        return ranges;
    }

    /** {@code 08:00-12:00, 13:00-18:00}; ranges that touch are written as one. */
    public static String format(List<Range> ranges) {
        List<Range> merged = new ArrayList<>();
        for (Range r : ranges.stream().sorted(Comparator.comparingInt(Range::start)).toList()) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.start() <= last.end()) {
                merged.set(merged.size() - 1, new Range(last.start(), Math.max(last.end(), r.end())));
            } else {
                merged.add(r);
            }
        }
        StringBuilder text = new StringBuilder();
        for (Range r : merged) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(Minutes.format(r.start())).append('-').append(Minutes.format(r.end()));
        }
        return text.toString();
    }

    private static int minute(String hours, String minutes, boolean end) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (h == 24 && m == 0) {
            if (!end) {
                throw new IllegalArgumentException("24:00 can only end a range");
            }
            return Minutes.DAY;
        }
        if (h > 23 || m > 59) {
            throw new IllegalArgumentException(hours + ":" + minutes + " is not a time from 00:00 to 24:00");
        }
        return h * 60 + m;
    }

    private static String shorten(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
