package io.keyframe.schedule.entity;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.platform.rest.ApiException;
import io.keyframe.schedule.entity.Schedule.Change;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static WeeklyRange range(DayOfWeek day, String start, String end) {
        return new WeeklyRange(day, Minutes.parse("start", start, false), Minutes.parse("end", end, true));
    }

    private static ScheduleException except(String day, boolean recording, String start, String end) {
        return new ScheduleException(LocalDate.parse(day), recording, Minutes.parse("start", start, false),
                Minutes.parse("end", end, true), null);
    }

    private static ScheduleException wholeDay(String day, boolean recording) {
        return ScheduleException.wholeDay(LocalDate.parse(day), recording, "holiday");
    }

    private static Schedule weekly(ZoneId zone, WeeklyRange... ranges) {
        return new Schedule(zone, List.of(ranges), List.of());
    }

    private static Change on(String utc) {
        return new Change(at(utc), true);
    }

    private static Change off(String utc) {
        return new Change(at(utc), false);
    }

    /**
     * Every change really flips {@link Schedule#isOn}, and between changes (sampled each minute) the
     * state holds: the two methods agree.
     */
    private static void assertConsistent(Schedule schedule, Instant from, int count) {
        List<Change> changes = schedule.nextChanges(from, count);
        boolean state = schedule.isOn(from);
        Instant t = from;
        for (Change change : changes) {
            assertTrue(change.at().isAfter(t), "changes are in order: " + changes);
            assertNotEquals(state, change.recording(), "a change flips the state: " + change);
            for (Instant s = t; s.isBefore(change.at()); s = s.plusSeconds(60)) {
                assertEquals(state, schedule.isOn(s), "no change before " + change + " at " + s);
            }
            assertEquals(state, schedule.isOn(change.at().minusNanos(1)), "just before " + change);
            assertEquals(change.recording(), schedule.isOn(change.at()), "at " + change);
            state = change.recording();
            t = change.at();
        }
    }

    @Test
    void weeklyRangeDecidesByLocalTime() {
        Schedule s = weekly(BERLIN, range(MONDAY, "08:00", "18:00"));
        // Monday 2026-11-23, CET = UTC+1
        assertFalse(s.isOn(at("2026-11-23T06:59:59Z")));
        assertTrue(s.isOn(at("2026-11-23T07:00:00Z")));
        assertTrue(s.isOn(at("2026-11-23T16:59:59.999Z")));
        assertFalse(s.isOn(at("2026-11-23T17:00:00Z")));
        assertFalse(s.isOn(at("2026-11-24T10:00:00Z")), "Tuesday has no ranges");
        assertEquals(List.of(on("2026-11-23T07:00:00Z"), off("2026-11-23T17:00:00Z"), on("2026-11-30T07:00:00Z")),
                s.nextChanges(at("2026-11-22T12:00:00Z"), 3));
    }

    @Test
    void aChangeAtFromIsNotNext() {
        Schedule s = weekly(ZoneId.of("UTC"), range(MONDAY, "08:00", "09:00"));
        assertEquals(List.of(off("2026-11-23T09:00:00Z")), s.nextChanges(at("2026-11-23T08:00:00Z"), 1));
        assertEquals(List.of(), s.nextChanges(at("2026-11-23T08:00:00Z"), 0));
        assertThrows(IllegalArgumentException.class, () -> s.nextChanges(at("2026-11-23T08:00:00Z"), -1));
    }

    @Test
    void springForwardRangeStartingInTheMissingHourStartsWhenTheClockJumps() {
        // Sunday 2026-03-29: at 01:00Z Berlin jumps from 02:00 CET to 03:00 CEST
        Schedule s = weekly(BERLIN, range(SUNDAY, "02:30", "04:00"));
        assertFalse(s.isOn(at("2026-03-29T00:59:59Z")), "01:59:59 CET");
        assertTrue(s.isOn(at("2026-03-29T01:00:00Z")), "03:00 CEST");
        assertTrue(s.isOn(at("2026-03-29T01:59:59Z")), "03:59:59 CEST");
        assertFalse(s.isOn(at("2026-03-29T02:00:00Z")), "04:00 CEST");
        assertEquals(List.of(on("2026-03-29T01:00:00Z"), off("2026-03-29T02:00:00Z"),
                        on("2026-04-05T00:30:00Z"), off("2026-04-05T02:00:00Z")),
                s.nextChanges(at("2026-03-27T12:00:00Z"), 4));
        assertConsistent(s, at("2026-03-20T00:00:00Z"), 8);
    }

    @Test
    void springForwardRangeInsideTheMissingHourNeverHappens() {
        Schedule s = weekly(BERLIN, range(SUNDAY, "02:10", "02:40"));
        assertFalse(s.isOn(at("2026-03-29T01:00:00Z")));
        assertEquals(List.of(on("2026-03-22T01:10:00Z"), off("2026-03-22T01:40:00Z"),
                        on("2026-04-05T00:10:00Z"), off("2026-04-05T00:40:00Z")),
                s.nextChanges(at("2026-03-21T00:00:00Z"), 4));
    }

    @Test
    void springForwardRangeAcrossTheMissingHourIsOneHourShorter() {
        Schedule s = weekly(BERLIN, range(SUNDAY, "01:00", "05:00"));
        assertEquals(List.of(on("2026-03-29T00:00:00Z"), off("2026-03-29T03:00:00Z")),
                s.nextChanges(at("2026-03-28T12:00:00Z"), 2));
    }

    @Test
    void autumnRepeatedHourRecordsBothTimes() {
        // Sunday 2026-10-25: at 01:00Z Berlin goes back from 03:00 CEST to 02:00 CET
        Schedule s = weekly(BERLIN, range(SUNDAY, "02:00", "03:00"));
        assertFalse(s.isOn(at("2026-10-24T23:59:59Z")), "01:59:59 CEST");
        assertTrue(s.isOn(at("2026-10-25T00:00:00Z")), "02:00 CEST");
        assertTrue(s.isOn(at("2026-10-25T00:59:59Z")), "02:59:59 CEST");
        assertTrue(s.isOn(at("2026-10-25T01:00:00Z")), "02:00 CET, the second time");
        assertTrue(s.isOn(at("2026-10-25T01:59:59Z")), "02:59:59 CET");
        assertFalse(s.isOn(at("2026-10-25T02:00:00Z")), "03:00 CET");
        assertEquals(List.of(on("2026-10-25T00:00:00Z"), off("2026-10-25T02:00:00Z")),
                s.nextChanges(at("2026-10-24T12:00:00Z"), 2));

        Schedule night = weekly(BERLIN, range(SUNDAY, "01:00", "04:00"));
        assertEquals(List.of(on("2026-10-24T23:00:00Z"), off("2026-10-25T03:00:00Z")),
                night.nextChanges(at("2026-10-24T12:00:00Z"), 2), "three wall-clock hours last four");
        assertConsistent(night, at("2026-10-18T00:00:00Z"), 6);
    }

    @Test
    void autumnRangeStartingInTheRepeatedHourIsJudgedByTheWallClockBothTimes() {
        Schedule s = weekly(BERLIN, range(SUNDAY, "02:30", "04:00"));
        assertEquals(List.of(on("2026-10-25T00:30:00Z"), off("2026-10-25T01:00:00Z"),
                        on("2026-10-25T01:30:00Z"), off("2026-10-25T03:00:00Z")),
                s.nextChanges(at("2026-10-24T12:00:00Z"), 4));
        assertConsistent(s, at("2026-10-24T12:00:00Z"), 8);
    }

    @Test
    void newYorkSpringAndFall() {
        // 2026-03-08 07:00Z: 02:00 EST → 03:00 EDT; 2026-11-01 06:00Z: 02:00 EDT → 01:00 EST
        Schedule s = weekly(NEW_YORK, range(SUNDAY, "01:30", "03:30"));
        assertEquals(List.of(on("2026-03-08T06:30:00Z"), off("2026-03-08T07:30:00Z")),
                s.nextChanges(at("2026-03-07T12:00:00Z"), 2), "two wall-clock hours last one in spring");
        assertTrue(s.isOn(at("2026-03-08T07:00:00Z")), "03:00 EDT");
        assertEquals(List.of(on("2026-11-01T05:30:00Z"), off("2026-11-01T06:00:00Z"),
                        on("2026-11-01T06:30:00Z"), off("2026-11-01T08:30:00Z")),
                s.nextChanges(at("2026-10-31T12:00:00Z"), 4), "01:30-02:00 happens twice in the fall");
        Schedule whole = weekly(NEW_YORK, range(SUNDAY, "01:00", "02:00"));
        assertEquals(List.of(on("2026-11-01T05:00:00Z"), off("2026-11-01T07:00:00Z")),
                whole.nextChanges(at("2026-10-31T12:00:00Z"), 2), "the repeated hour records twice");
        assertConsistent(s, at("2026-03-01T00:00:00Z"), 6);
        assertConsistent(s, at("2026-10-25T00:00:00Z"), 6);
    }

    @Test
    void rangesAcrossMidnightRecordWithoutABreak() {
        Schedule s = weekly(BERLIN, range(MONDAY, "22:00", "24:00"), range(TUESDAY, "00:00", "06:00"));
        assertTrue(s.isOn(at("2026-11-23T22:59:59.999Z")), "Monday 23:59:59.999");
        assertTrue(s.isOn(at("2026-11-23T23:00:00Z")), "Tuesday 00:00");
        assertFalse(s.isOn(at("2026-11-24T05:00:00Z")), "Tuesday 06:00");
        assertEquals(List.of(on("2026-11-23T21:00:00Z"), off("2026-11-24T05:00:00Z"), on("2026-11-30T21:00:00Z")),
                s.nextChanges(at("2026-11-23T12:00:00Z"), 3));
    }

    @Test
    void changesRunAcrossTheEndOfTheWeek() {
        Schedule s = weekly(ZoneId.of("UTC"), range(SUNDAY, "20:00", "24:00"), range(MONDAY, "00:00", "02:00"),
                range(SATURDAY, "10:00", "11:00"));
        assertEquals(List.of(on("2026-11-28T10:00:00Z"), off("2026-11-28T11:00:00Z"),
                        on("2026-11-29T20:00:00Z"), off("2026-11-30T02:00:00Z"), on("2026-12-05T10:00:00Z")),
                s.nextChanges(at("2026-11-27T00:00:00Z"), 5));
        assertTrue(s.isOn(at("2026-11-30T00:00:00Z")), "Monday 00:00, after Sunday 24:00");
    }

    @Test
    void holidayIsOffAllDay() {
        Schedule s = new Schedule(BERLIN, List.of(range(THURSDAY, "08:00", "18:00"), range(FRIDAY, "08:00", "18:00")),
                List.of(wholeDay("2026-12-25", false)));
        assertFalse(s.isOn(at("2026-12-25T11:00:00Z")), "Christmas, a Friday");
        assertTrue(s.isOn(at("2027-01-01T11:00:00Z")), "the next Friday");
        assertEquals(List.of(on("2026-12-24T07:00:00Z"), off("2026-12-24T17:00:00Z"), on("2026-12-31T07:00:00Z")),
                s.nextChanges(at("2026-12-24T00:00:00Z"), 3));
    }

    @Test
    void wholeDayOnJoinsTheRangesAroundIt() {
        Schedule s = new Schedule(BERLIN, List.of(range(THURSDAY, "20:00", "24:00"), range(SATURDAY, "00:00", "01:00")),
                List.of(wholeDay("2026-12-25", true)));
        assertTrue(s.isOn(at("2026-12-25T03:00:00Z")));
        assertEquals(List.of(on("2026-12-24T19:00:00Z"), off("2026-12-26T00:00:00Z")),
                s.nextChanges(at("2026-12-24T12:00:00Z"), 2), "Thursday 20:00 to Saturday 01:00 without a break");
    }

    @Test
    void rangedExceptionsAddAndRemoveInsideTheirRangeOnly() {
        Schedule s = new Schedule(ZoneId.of("UTC"),
                List.of(range(WEDNESDAY, "08:00", "18:00"), range(THURSDAY, "08:00", "18:00")),
                List.of(except("2026-12-23", false, "12:00", "13:00"), except("2026-12-24", true, "20:00", "22:00"),
                        except("2026-12-24", false, "07:00", "09:00")));
        assertTrue(s.isOn(at("2026-12-23T11:59:00Z")));
        assertFalse(s.isOn(at("2026-12-23T12:30:00Z")), "off inside the weekly range");
        assertTrue(s.isOn(at("2026-12-23T13:00:00Z")), "the weekly range again after the exception");
        assertFalse(s.isOn(at("2026-12-24T08:30:00Z")), "off at the start of the weekly range");
        assertTrue(s.isOn(at("2026-12-24T21:00:00Z")), "an extra range");
        assertEquals(List.of(on("2026-12-23T08:00:00Z"), off("2026-12-23T12:00:00Z"), on("2026-12-23T13:00:00Z"),
                        off("2026-12-23T18:00:00Z"), on("2026-12-24T09:00:00Z"), off("2026-12-24T18:00:00Z"),
                        on("2026-12-24T20:00:00Z"), off("2026-12-24T22:00:00Z"), on("2026-12-30T08:00:00Z")),
                s.nextChanges(at("2026-12-23T00:00:00Z"), 9));
    }

    @Test
    void aConstantWeekChangesOnlyAtExceptionsHoweverFar() {
        Schedule s = new Schedule(BERLIN, List.of(), List.of(except("2030-06-12", true, "10:00", "11:00")));
        assertEquals(List.of(on("2030-06-12T08:00:00Z"), off("2030-06-12T09:00:00Z")),
                s.nextChanges(at("2026-01-01T00:00:00Z"), 4));
        List<WeeklyRange> always = new ArrayList<>();
        Arrays.stream(DayOfWeek.values()).forEach(d -> always.add(range(d, "00:00", "24:00")));
        Schedule allDay = new Schedule(BERLIN, always, List.of(wholeDay("2026-12-25", false)));
        assertTrue(allDay.isOn(at("2026-03-29T01:00:00Z")));
        assertEquals(List.of(off("2026-12-24T23:00:00Z"), on("2026-12-25T23:00:00Z")),
                allDay.nextChanges(at("2026-01-01T00:00:00Z"), 4));
        assertEquals(List.of(), Schedule.empty(BERLIN).nextChanges(at("2026-01-01T00:00:00Z"), 4));
        assertFalse(Schedule.empty(BERLIN).isOn(at("2026-01-01T00:00:00Z")));
    }

    @Test
    void exceptionsInTheMissingHourAreJudgedByTheWallClock() {
        Schedule s = new Schedule(BERLIN, List.of(), List.of(except("2026-03-29", true, "02:15", "03:30")));
        assertEquals(List.of(on("2026-03-29T01:00:00Z"), off("2026-03-29T01:30:00Z")),
                s.nextChanges(at("2026-03-28T00:00:00Z"), 4));
    }

    @Test
    void touchingRangesAreFineOverlappingOnesAreNot() {
        Schedule touching = weekly(BERLIN, range(MONDAY, "12:00", "18:00"), range(MONDAY, "08:00", "12:00"));
        assertEquals(List.of(range(MONDAY, "08:00", "12:00"), range(MONDAY, "12:00", "18:00")), touching.weekly());
        assertEquals(List.of(on("2026-11-23T07:00:00Z"), off("2026-11-23T17:00:00Z")),
                touching.nextChanges(at("2026-11-23T00:00:00Z"), 2), "no change where two ranges touch");
        weekly(BERLIN, range(MONDAY, "08:00", "12:00"), range(TUESDAY, "10:00", "14:00"));

        badRequest(() -> weekly(BERLIN, range(MONDAY, "08:00", "12:00"), range(MONDAY, "11:59", "13:00")),
                "weekly.monday: ranges 08:00-12:00 and 11:59-13:00 overlap");
        badRequest(() -> weekly(BERLIN, range(FRIDAY, "08:00", "12:00"), range(FRIDAY, "08:00", "12:00")),
                "weekly.friday");
        badRequest(() -> weekly(BERLIN, range(SUNDAY, "00:00", "24:00"), range(SUNDAY, "10:00", "11:00")),
                "weekly.sunday");
    }

    @Test
    void rangesMustBeInsideTheDayAndNotEmpty() {
        badRequest(() -> new WeeklyRange(MONDAY, 600, 600), "weekly.monday: start 10:00 must be before end 10:00");
        badRequest(() -> new WeeklyRange(MONDAY, 1080, 480), "start 18:00 must be before end 08:00");
        badRequest(() -> new WeeklyRange(TUESDAY, -1, 60), "weekly.tuesday: start");
        badRequest(() -> new WeeklyRange(MONDAY, 1440, 1440), "start");
        badRequest(() -> new WeeklyRange(MONDAY, 0, 1441), "end");
        badRequest(() -> new ScheduleException(LocalDate.parse("2026-12-24"), true, 60, null, null), "both start and end");
        badRequest(() -> new ScheduleException(LocalDate.parse("2026-12-24"), true, 120, 60, null),
                "exceptions[2026-12-24]: start 02:00 must be before end 01:00");
    }

    @Test
    void exceptionsOfOneDateMustNotOverlap() {
        new Schedule(BERLIN, List.of(), List.of(except("2026-12-24", true, "08:00", "12:00"),
                except("2026-12-24", false, "12:00", "13:00"), wholeDay("2026-12-25", false)));
        badRequest(() -> new Schedule(BERLIN, List.of(), List.of(wholeDay("2026-12-24", false),
                wholeDay("2026-12-24", false))), "exceptions: 2026-12-24 (whole day) and 2026-12-24 (whole day) overlap");
        badRequest(() -> new Schedule(BERLIN, List.of(), List.of(except("2026-12-24", true, "08:00", "12:00"),
                wholeDay("2026-12-24", false))), "2026-12-24");
        badRequest(() -> new Schedule(BERLIN, List.of(), List.of(except("2026-12-24", true, "08:00", "12:00"),
                except("2026-12-24", false, "11:00", "13:00"))), "2026-12-24 08:00-12:00 and 2026-12-24 11:00-13:00");
    }

    @Test
    void onlyTimeZonesOfTheTzDatabase() {
        assertEquals(BERLIN, Schedule.zone("time_zone", "Europe/Berlin"));
        assertEquals(ZoneId.of("UTC"), Schedule.zone("time_zone", "UTC"));
        badRequest(() -> Schedule.zone("time_zone", "Mars/Olympus_Mons"), "time_zone");
        badRequest(() -> Schedule.zone("time_zone", "europe/berlin"), "'europe/berlin'");
        badRequest(() -> Schedule.zone("time_zone", "+02:00"), "time_zone");
        badRequest(() -> Schedule.zone("time_zone", ""), "time_zone");
        badRequest(() -> Schedule.zone("time_zone", null), "time_zone");
    }

    @Test
    void timesParseAsHoursAndMinutes() {
        assertEquals(0, Minutes.parse("f", "00:00", false));
        assertEquals(510, Minutes.parse("f", "08:30", false));
        assertEquals(1439, Minutes.parse("f", "23:59", false));
        assertEquals(1440, Minutes.parse("f", "24:00", true));
        for (String bad : new String[] {"24:00", "8:00", "08:60", "25:00", "0800", "08:00:00", " 08:00", "", "ab:cd"}) {
            badRequest(() -> Minutes.parse("weekly.monday[0].start", bad, false), "weekly.monday[0].start");
        }
        badRequest(() -> Minutes.parse("f", "24:01", true), "HH:MM");
        assertEquals("24:00", Minutes.format(1440));
        assertEquals("07:05", Minutes.format(425));
    }

    @Test
    void nextChangesAgreeWithIsOnThroughBothSwitchesOfTheYear() {
        Schedule s = new Schedule(BERLIN, List.of(range(SUNDAY, "00:00", "02:30"), range(SUNDAY, "02:45", "03:15"),
                range(SATURDAY, "23:00", "24:00"), range(MONDAY, "06:00", "07:00")),
                List.of(except("2026-10-25", true, "02:20", "02:50"), except("2026-03-30", false, "06:30", "07:00")));
        assertConsistent(s, at("2026-03-26T00:00:00Z"), 12);
        assertConsistent(s, at("2026-10-22T00:00:00Z"), 12);
    }

    @Test
    void equalSchedulesCompareEqualWhateverTheOrderGiven() {
        Schedule a = weekly(BERLIN, range(MONDAY, "08:00", "12:00"), range(SUNDAY, "01:00", "02:00"));
        Schedule b = weekly(BERLIN, range(SUNDAY, "01:00", "02:00"), range(MONDAY, "08:00", "12:00"));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(List.of(range(MONDAY, "08:00", "12:00")), a.weekly(MONDAY));
    }

    private static void badRequest(Executable executable, String messagePart) {
        ApiException e = assertThrows(ApiException.class, executable);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(messagePart), "'" + e.getMessage() + "' should mention " + messagePart);
    }

    @Test
    void aSecondAfterTheBoundaryIsOff() {
        Schedule s = weekly(ZoneId.of("UTC"), range(MONDAY, "08:00", "08:01"));
        assertTrue(s.isOn(at("2026-11-23T08:00:59.999999999Z")));
        assertFalse(s.isOn(at("2026-11-23T08:01:00Z")));
        assertEquals(List.of(off("2026-11-23T08:01:00Z")), s.nextChanges(at("2026-11-23T08:00:30.5Z"), 1));
        assertEquals(Duration.ofDays(7), Duration.between(s.nextChanges(at("2026-11-23T08:00:30Z"), 3).get(0).at(),
                s.nextChanges(at("2026-11-23T08:00:30Z"), 3).get(2).at()));
    }
}
