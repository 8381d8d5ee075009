package io.keyframe.schedule.entity;

import io.keyframe.platform.rest.ApiException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A dated exception to the weekly schedule, in the schedule's time zone. Without minutes it decides
 * the whole day; with them it decides {@code [startMinute, endMinute)} of the day (recording adds
 * to the weekly ranges, not recording removes from them) and the weekly ranges apply outside.
 */
public record ScheduleException(LocalDate day, boolean recording, Integer startMinute, Integer endMinute,
                                String note) {

    public ScheduleException {
        Objects.requireNonNull(day, "day");
        String field = "exceptions[" + day + "]";
        if ((startMinute == null) != (endMinute == null)) {
            throw ApiException.badRequest(
                    field + ": give both start and end, or neither for the whole day");
        }
        if (startMinute != null) {
            Minutes.checkRange(field, startMinute, endMinute);
        }
    }

    public static ScheduleException wholeDay(LocalDate day, boolean recording, String note) {
        return new ScheduleException(day, recording, null, null, note);
    }

    public boolean wholeDay() {
        return startMinute == null;
    }

    int from() {
        return wholeDay() ? 0 : startMinute;
    }

    int to() {
        return wholeDay() ? Minutes.DAY : endMinute;
    }

    boolean overlaps(ScheduleException other) {
        return day.equals(other.day) && from() < other.to() && other.from() < to();
    }

    @Override
    public String toString() {
        return day + (wholeDay() ? " (whole day)" : " " + Minutes.format(from()) + "-" + Minutes.format(to()));
    }
}
