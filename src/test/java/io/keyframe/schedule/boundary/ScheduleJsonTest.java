package io.keyframe.schedule.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.Requests;
import io.keyframe.schedule.control.ScheduleStore.CameraSchedule;
import io.keyframe.schedule.entity.Schedule;
import io.keyframe.schedule.entity.ScheduleException;
import io.keyframe.schedule.entity.WeeklyRange;
import jakarta.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleJsonTest {

    private static final CameraId CAMERA = CameraId.of("cam1");
    private static final String EXAMPLE = """
            {"time_zone": "Europe/Berlin",
             "weekly": {"monday": [{"start": "08:00", "end": "18:00"}], "tuesday": [],
                        "sunday": [{"start": "22:00", "end": "24:00"}, {"start": "00:00", "end": "06:00"}]},
             "exceptions": [{"date": "2026-12-25", "recording": false, "note": "holiday"},
                            {"date": "2026-12-24", "recording": true, "start": "08:00", "end": "12:00"}]}""";

    private static Schedule parse(String body) {
        return ScheduleJson.parse(Requests.jsonObject(body), CAMERA);
    }

    private static void badRequest(String body, String messagePart) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body), body);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(messagePart), "'" + e.getMessage() + "' should mention " + messagePart);
    }

    /** A body with the given time zone, weekly and exceptions JSON. */
    private static String body(String weekly, String exceptions) {
        return "{\"time_zone\": \"UTC\", \"weekly\": " + weekly + ", \"exceptions\": " + exceptions + "}";
    }

    private static String monday(String ranges) {
        return body("{\"monday\": [" + ranges + "]}", "[]");
    }

    private static String exception(String fields) {
        return body("{}", "[{" + fields + "}]");
    }

    @Test
    void parsesTheExampleOfTheApi() {
        Schedule s = parse(EXAMPLE);
        assertEquals(ZoneId.of("Europe/Berlin"), s.zone());
        assertEquals(List.of(new WeeklyRange(DayOfWeek.MONDAY, 480, 1080), new WeeklyRange(DayOfWeek.SUNDAY, 0, 360),
                new WeeklyRange(DayOfWeek.SUNDAY, 1320, 1440)), s.weekly());
        assertEquals(List.of(new ScheduleException(LocalDate.parse("2026-12-24"), true, 480, 720, null),
                ScheduleException.wholeDay(LocalDate.parse("2026-12-25"), false, "holiday")), s.exceptions());
    }

    @Test
    void omittedPartsAreEmptyAndTheRepliesOwnFieldsAreIgnored() {
        Schedule s = parse("{\"time_zone\": \"UTC\"}");
        assertEquals(Schedule.empty(ZoneId.of("UTC")), s);
        assertEquals(s, parse("{\"time_zone\": \"UTC\", \"weekly\": null, \"exceptions\": null, \"camera_id\": \"cam1\","
                + " \"on_now\": true, \"recording_mode\": \"off\", \"next_changes\": []}"));
        assertEquals(s, parse(body("{\"friday\": null}", "[]")));
    }

    @Test
    void renderedScheduleParsesBackToItself() {
        Schedule s = parse(EXAMPLE);
        JsonObject json = ScheduleJson.render(new CameraSchedule("cam1", "scheduled", s),
                Instant.parse("2026-11-23T08:00:00Z"));
        assertEquals(s, ScheduleJson.parse(json, CAMERA));
        assertEquals("cam1", json.getString("camera_id"));
        assertEquals("scheduled", json.getString("recording_mode"));
        assertEquals("Europe/Berlin", json.getString("time_zone"));
        assertEquals(7, json.getJsonObject("weekly").size(), "every weekday is shown");
        assertEquals(0, json.getJsonObject("weekly").getJsonArray("friday").size());
        assertEquals("24:00", json.getJsonObject("weekly").getJsonArray("sunday").getJsonObject(1).getString("end"));
        assertTrue(json.getBoolean("on_now"), "Monday 09:00 in Berlin");
        assertEquals("2026-11-23T17:00:00Z", json.getJsonArray("next_changes").getJsonObject(0).getString("at"));
        assertFalse(json.getJsonArray("next_changes").getJsonObject(0).getBoolean("recording"));
        assertEquals(4, json.getJsonArray("next_changes").size());
        JsonObject christmas = json.getJsonArray("exceptions").getJsonObject(1);
        assertEquals("2026-12-25", christmas.getString("date"));
        assertTrue(christmas.isNull("start"));
        assertEquals("holiday", christmas.getString("note"));
    }

    @Test
    void timeZoneIsRequiredAndMustBeKnown() {
        badRequest("{}", "time_zone is required");
        badRequest("{\"time_zone\": \"Europe/Atlantis\"}", "time_zone");
        badRequest("{\"time_zone\": 1}", "time_zone must be a string");
        badRequest("{\"time_zone\": \"UTC\", \"camera_id\": \"other\"}", "differs");
    }

    @Test
    void badTimesNameTheirField() {
        badRequest(monday("{\"start\": \"8:00\", \"end\": \"18:00\"}"), "weekly.monday[0].start");
        badRequest(monday("{\"start\": \"08:00\", \"end\": \"18:00\"}, {\"start\": \"19:00\", \"end\": \"25:00\"}"),
                "weekly.monday[1].end");
        badRequest(monday("{\"start\": \"24:00\", \"end\": \"24:00\"}"), "weekly.monday[0].start");
        badRequest(monday("{\"start\": \"08:00\"}"), "weekly.monday[0].end");
        badRequest(monday("{\"start\": 800, \"end\": \"18:00\"}"), "weekly.monday[0].start must be a string");
        badRequest(monday("\"08:00-18:00\""), "weekly.monday[0] must be a JSON object");
        badRequest(body("{\"monday\": {\"start\": \"08:00\"}}", "[]"), "weekly.monday must be an array");
        badRequest(body("[]", "[]"), "weekly must be a JSON object");
    }

    @Test
    void endBeforeStartAndOverlapsNameTheDay() {
        badRequest(monday("{\"start\": \"18:00\", \"end\": \"08:00\"}"), "weekly.monday: start 18:00 must be before end 08:00");
        badRequest(monday("{\"start\": \"08:00\", \"end\": \"08:00\"}"), "weekly.monday");
        badRequest(monday("{\"start\": \"08:00\", \"end\": \"12:00\"}, {\"start\": \"10:00\", \"end\": \"14:00\"}"),
                "weekly.monday: ranges 08:00-12:00 and 10:00-14:00 overlap");
        parse(monday("{\"start\": \"08:00\", \"end\": \"12:00\"}, {\"start\": \"12:00\", \"end\": \"14:00\"}"));
    }

    @Test
    void unknownWeekdaysAreRefused() {
        badRequest(body("{\"Monday\": []}", "[]"), "unknown weekday 'Monday'");
        badRequest(body("{\"mon\": []}", "[]"), "weekly: unknown weekday 'mon'");
    }

    @Test
    void atMost48RangesADayAnd366Exceptions() {
        StringBuilder ranges = new StringBuilder();
        for (int i = 0; i < 48; i++) {
            ranges.append(i == 0 ? "" : ", ").append(String.format("{\"start\": \"%02d:%02d\", \"end\": \"%02d:%02d\"}",
                    i / 2, i % 2 * 30, i / 2, i % 2 * 30 + 15));
        }
        assertEquals(48, parse(monday(ranges.toString())).weekly().size());
        badRequest(monday(ranges + ", {\"start\": \"23:50\", \"end\": \"24:00\"}"), "at most 48");

        StringBuilder days = new StringBuilder();
        LocalDate day = LocalDate.parse("2027-01-01");
        for (int i = 0; i < 366; i++) {
            days.append(i == 0 ? "" : ", ").append("{\"date\": \"").append(day.plusDays(i)).append("\", \"recording\": false}");
        }
        assertEquals(366, parse(body("{}", "[" + days + "]")).exceptions().size());
        badRequest(body("{}", "[" + days + ", {\"date\": \"2020-01-01\", \"recording\": false}]"), "at most 366");
    }

    @Test
    void badExceptionsNameTheirField() {
        badRequest(exception("\"date\": \"2026-02-30\", \"recording\": false"), "exceptions[0].date");
        badRequest(exception("\"date\": \"25.12.2026\", \"recording\": false"), "exceptions[0].date must be a date YYYY-MM-DD");
        badRequest(exception("\"date\": \"+12026-12-25\", \"recording\": false"), "exceptions[0].date");
        badRequest(exception("\"date\": \"1969-12-31\", \"recording\": false"), "exceptions[0].date");
        badRequest(exception("\"recording\": false"), "exceptions[0].date");
        badRequest(exception("\"date\": \"2026-12-25\""), "exceptions[0].recording is required");
        badRequest(exception("\"date\": \"2026-12-25\", \"recording\": \"no\""), "exceptions[0].recording must be true or false");
        badRequest(exception("\"date\": \"2026-12-25\", \"recording\": true, \"start\": \"08:00\""), "both start and end");
        badRequest(exception("\"date\": \"2026-12-25\", \"recording\": true, \"start\": \"08:00\", \"end\": \"7:00\""),
                "exceptions[0].end");
        badRequest(exception("\"date\": \"2026-12-25\", \"recording\": true, \"start\": \"09:00\", \"end\": \"08:00\""),
                "exceptions[2026-12-25]: start 09:00 must be before end 08:00");
        badRequest(exception("\"date\": \"2026-12-25\", \"recording\": true, \"note\": \"" + "x".repeat(201) + "\""),
                "exceptions[0].note");
        badRequest(body("{}", "{}"), "exceptions must be an array");
        badRequest(body("{}", "[1]"), "exceptions[0] must be a JSON object");
    }

    @Test
    void duplicateAndOverlappingExceptionsAreRefused() {
        badRequest(body("{}", "[{\"date\": \"2026-12-25\", \"recording\": false}, {\"date\": \"2026-12-25\", \"recording\": true}]"),
                "exceptions: 2026-12-25 (whole day) and 2026-12-25 (whole day) overlap");
        badRequest(body("{}", "[{\"date\": \"2026-12-24\", \"recording\": true, \"start\": \"08:00\", \"end\": \"12:00\"},"
                + " {\"date\": \"2026-12-24\", \"recording\": false, \"start\": \"11:00\", \"end\": \"13:00\"}]"), "overlap");
        Schedule s = parse(body("{}", "[{\"date\": \"2026-12-24\", \"recording\": true, \"start\": \"08:00\", \"end\": \"12:00\"},"
                + " {\"date\": \"2026-12-24\", \"recording\": false, \"start\": \"12:00\", \"end\": \"13:00\"}]"));
        assertEquals(2, s.exceptions().size());
    }
}
