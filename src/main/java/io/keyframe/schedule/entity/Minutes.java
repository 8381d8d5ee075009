package io.keyframe.schedule.entity;

import io.keyframe.platform.rest.ApiException;
import java.util.regex.Pattern;

/** Minutes of a day, {@code 0} to {@code 1440}, and their {@code HH:MM} form ({@code 24:00} = 1440). */
public final class Minutes {

    public static final int DAY = 1440;
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");

    private Minutes() {
    }

    /** {@code "08:30"} → 510; {@code "24:00"} (1440) only when {@code endOfDayAllowed}. */
    public static int parse(String field, String value, boolean endOfDayAllowed) {
        if (value == null || !TIME.matcher(value).matches() || (!endOfDayAllowed && value.equals("24:00"))) {
            throw ApiException.badRequest(field + " must be a time HH:MM from 00:00 to "
                    + (endOfDayAllowed ? "24:00" : "23:59") + ", such as 08:30; got "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
        return Integer.parseInt(value.substring(0, 2)) * 60 + Integer.parseInt(value.substring(3));
    }

    public static String format(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    static void checkRange(String field, int start, int end) {
        if (start < 0 || start >= DAY) {
            throw ApiException.badRequest(field + ": start must be from 00:00 to 23:59, not minute " + start);
        }
        if (end < 1 || end > DAY) {
            throw ApiException.badRequest(field + ": end must be from 00:01 to 24:00, not minute " + end);
        }
        if (start >= end) {
            throw ApiException.badRequest(field + ": start " + format(start) + " must be before end " + format(end));
        }
    }
}
