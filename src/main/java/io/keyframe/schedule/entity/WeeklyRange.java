package io.keyframe.schedule.entity;

import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Objects;

/**
 * A range of wall-clock minutes of one weekday, in the schedule's time zone: {@code [startMinute,
 * endMinute)}, where end 1440 is the midnight at the end of the day.
 */
public record WeeklyRange(DayOfWeek day, int startMinute, int endMinute) {

    public WeeklyRange {
        Objects.requireNonNull(day, "day");
        Minutes.checkRange("weekly." + dayName(day), startMinute, endMinute);
    }

    /** The weekday as the API names it: {@code monday} … {@code sunday}. */
    public static String dayName(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    boolean overlaps(WeeklyRange other) {
        return day == other.day && startMinute < other.endMinute && other.startMinute < endMinute;
    }

    @Override
    public String toString() {
        return dayName(day) + " " + Minutes.format(startMinute) + "-" + Minutes.format(endMinute);
    }
}
