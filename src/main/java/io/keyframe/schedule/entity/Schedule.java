package io.keyframe.schedule.entity;

import io.keyframe.platform.rest.ApiException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A camera's weekly recording schedule with dated exceptions, in wall-clock time of {@code zone}.
 *
 * <p>The local date and time decide, whatever the offset: when the clock springs forward the missing
 * hour never happens (a range starting inside it starts when the clock jumps), and when it falls back
 * the repeated hour is judged twice by the same rule. A range ending at 24:00 and one starting at
 * 00:00 the next day record without a break. An exception decides its whole date, or its range of it,
 * instead of the weekly ranges.
 */
public final class Schedule {

    /** The schedule switches recording on or off at {@code at}. */
    public record Change(Instant at, boolean recording) {
    }

    private static final Comparator<ScheduleException> BY_DAY_AND_START =
            Comparator.comparing(ScheduleException::day).thenComparingInt(ScheduleException::from);

    private final ZoneId zone;
    private final List<WeeklyRange> weekly;
    private final List<ScheduleException> exceptions;
    private final DayPlan[] weeklyPlans = new DayPlan[7];
    private final Map<LocalDate, DayPlan> exceptionPlans = new HashMap<>();
    private final TreeSet<LocalDate> exceptionDays = new TreeSet<>();
    /** The same state at every time of every weekday: only exceptions can change it. */
    private final boolean weeklyConstant;

    /** @throws ApiException 400 for overlapping weekly ranges or overlapping exceptions of one date */
    public Schedule(ZoneId zone, List<WeeklyRange> weekly, List<ScheduleException> exceptions) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.weekly = weekly.stream().sorted(Comparator.comparing(WeeklyRange::day)
                .thenComparingInt(WeeklyRange::startMinute)).toList();
        this.exceptions = exceptions.stream().sorted(BY_DAY_AND_START).toList();
        for (int i = 1; i < this.weekly.size(); i++) {
            WeeklyRange a = this.weekly.get(i - 1);
            WeeklyRange b = this.weekly.get(i);
            if (a.overlaps(b)) {
                throw ApiException.badRequest("weekly." + WeeklyRange.dayName(a.day()) + ": ranges "
                        + Minutes.format(a.startMinute()) + "-" + Minutes.format(a.endMinute()) + " and "
                        + Minutes.format(b.startMinute()) + "-" + Minutes.format(b.endMinute()) + " overlap");
            }
        }
        for (int i = 1; i < this.exceptions.size(); i++) {
            ScheduleException a = this.exceptions.get(i - 1);
            ScheduleException b = this.exceptions.get(i);
            if (a.overlaps(b)) {
                throw ApiException.badRequest("exceptions: " + a + " and " + b + " overlap; one date may have"
                        + " one whole-day exception or ranged exceptions that do not overlap");
            }
        }
        boolean[][] masks = new boolean[7][Minutes.DAY];
        for (WeeklyRange range : this.weekly) {
            Arrays.fill(masks[range.day().getValue() - 1], range.startMinute(), range.endMinute(), true);
        }
        for (int d = 0; d < 7; d++) {
            weeklyPlans[d] = new DayPlan(masks[d]);
        }
        Map<LocalDate, boolean[]> exceptionMasks = new HashMap<>();
        for (ScheduleException e : this.exceptions) {
            boolean[] mask = exceptionMasks.computeIfAbsent(e.day(),
                    day -> masks[day.getDayOfWeek().getValue() - 1].clone());
            Arrays.fill(mask, e.from(), e.to(), e.recording());
        }
        exceptionMasks.forEach((day, mask) -> exceptionPlans.put(day, new DayPlan(mask)));
        exceptionDays.addAll(exceptionMasks.keySet());
        weeklyConstant = Arrays.stream(weeklyPlans).allMatch(DayPlan::empty)
                || Arrays.stream(weeklyPlans).allMatch(DayPlan::full);
    }

    /** A schedule that never records. */
    public static Schedule empty(ZoneId zone) {
        return new Schedule(zone, List.of(), List.of());
    }

    /**
     * A time zone of the tz database, such as {@code Europe/Berlin} or {@code UTC}.
     *
     * @throws ApiException 400 naming {@code field} for anything else, fixed offsets included
     */
    public static ZoneId zone(String field, String id) {
        if (id == null || !ZoneId.getAvailableZoneIds().contains(id)) {
            throw ApiException.badRequest(field + " must be a time zone of the tz database such as Europe/Berlin"
                    + " or UTC; got " + (id == null ? "nothing" : "'" + id + "'"));
        }
        return ZoneId.of(id);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Sorted by weekday and start. */
    public List<WeeklyRange> weekly() {
        return weekly;
    }

    /** Sorted by date and start, whole days first. */
    public List<ScheduleException> exceptions() {
        return exceptions;
    }

    public List<WeeklyRange> weekly(DayOfWeek day) {
        return weekly.stream().filter(r -> r.day() == day).toList();
    }

    /** Whether the schedule records at {@code now}. */
    public boolean isOn(Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        return plan(local.toLocalDate()).covers(local.getHour() * 60 + local.getMinute());
    }

    /**
     * The next {@code count} instants after {@code from} at which {@link #isOn} changes, in order; fewer
     * when the schedule never changes again (no weekly ranges, or all day every day, and no exceptions
     * left).
     */
    public List<Change> nextChanges(Instant from, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        ZoneRules rules = zone.getRules();
        LocalDate start = LocalDate.ofInstant(from, zone);
        LocalDate last = exceptionDays.isEmpty() || exceptionDays.last().isBefore(start) ? start : exceptionDays.last();
        // a weekly schedule that changes at all changes every week, except perhaps the one of a DST switch
        LocalDate horizon = last.plusWeeks(count + 2L);
        List<Change> changes = new ArrayList<>();
        boolean state = isOn(from);
        Instant t = from;
        while (changes.size() < count) {
            LocalDateTime local = LocalDateTime.ofInstant(t, zone);
            LocalDate date = local.toLocalDate();
            if (date.isAfter(horizon)) {
                break;
            }
            if (weeklyConstant && !exceptionDays.contains(date)) {
                LocalDate next = exceptionDays.higher(date);
                if (next == null) {
                    break;
                }
                if (next.isAfter(date.plusDays(1))) {
                    // nothing can change before the day before the next exception
                    t = next.minusDays(1).atStartOfDay(zone).toInstant();
                    continue;
                }
            }
            // within one offset the wall clock runs with the instant: the next boundary is reached at
            // its local time in that offset, unless the offset changes first
            int boundary = plan(date).nextBoundaryAfter(local.toLocalTime().toNanoOfDay());
            Instant candidate = date.atStartOfDay().plusMinutes(boundary).toInstant(rules.getOffset(t));
            ZoneOffsetTransition transition = rules.nextTransition(t);
            if (transition != null && transition.getInstant().isBefore(candidate)) {
                candidate = transition.getInstant();
            }
            boolean on = isOn(candidate);
            if (on != state) {
                changes.add(new Change(candidate, on));
                state = on;
            }
            t = candidate;
        }
        return changes;
    }

    private DayPlan plan(LocalDate date) {
        DayPlan exceptional = exceptionPlans.get(date);
        return exceptional != null ? exceptional : weeklyPlans[date.getDayOfWeek().getValue() - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && zone.equals(s.zone) && weekly.equals(s.weekly)
                && exceptions.equals(s.exceptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, weekly, exceptions);
    }

    @Override
    public String toString() {
        return "Schedule[" + zone + ", weekly=" + weekly + ", exceptions=" + exceptions + "]";
    }
}
