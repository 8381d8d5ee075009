package it.io.keyframe.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The schedule routes: round trip, the state now and next, replacement and clear 4xx errors. */
@ExtendWith(SharedServer.class)
class ScheduleApiIT {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String BERLIN = """
            {"time_zone": "Europe/Berlin",
             "weekly": {"monday": [{"start": "08:00", "end": "18:00"}], "tuesday": [],
                        "sunday": [{"start": "00:00", "end": "06:00"}, {"start": "22:00", "end": "24:00"}]},
             "exceptions": [{"date": "2026-12-25", "recording": false, "note": "holiday"},
                            {"date": "2026-12-24", "recording": true, "start": "08:00", "end": "12:00"}]}""";

    private static String camera(Api api, String name, String mode) {
        String id = name + "-" + SUFFIX;
        Api.Reply created = api.post("/cameras", Api.camera(id, "rtsp://127.0.0.1:1/x", mode, null));
        assertEquals(201, created.status(), created.body());
        return id;
    }

    private static String path(String id) {
        return "/cameras/" + id + "/schedule";
    }

    @Test
    void putThenGetRoundTrips(KeyframeServer server) {
        Api api = new Api(server);
        String id = camera(api, "sched-rt", "scheduled");
        JsonObject fresh = api.get(path(id)).json();
        assertEquals("UTC", fresh.getString("time_zone"), "a new camera has an empty schedule in UTC");
        assertEquals(0, fresh.getJsonObject("weekly").getJsonArray("monday").size());
        assertFalse(fresh.getBoolean("on_now"));
        assertEquals(0, fresh.getJsonArray("next_changes").size());

        Api.Reply put = api.put(path(id), BERLIN);
        assertEquals(200, put.status(), put.body());
        Api.Reply got = api.get(path(id));
        assertEquals(200, got.status(), got.body());
        for (JsonObject json : new JsonObject[] {put.json(), got.json()}) {
            assertEquals(id, json.getString("camera_id"));
            assertEquals("scheduled", json.getString("recording_mode"));
            assertEquals("Europe/Berlin", json.getString("time_zone"));
            JsonObject weekly = json.getJsonObject("weekly");
            assertEquals(7, weekly.size());
            assertEquals("08:00", weekly.getJsonArray("monday").getJsonObject(0).getString("start"));
            assertEquals("18:00", weekly.getJsonArray("monday").getJsonObject(0).getString("end"));
            assertEquals(0, weekly.getJsonArray("friday").size());
            JsonArray sunday = weekly.getJsonArray("sunday");
            assertEquals(2, sunday.size());
            assertEquals("24:00", sunday.getJsonObject(1).getString("end"));
            JsonArray exceptions = json.getJsonArray("exceptions");
            assertEquals(2, exceptions.size());
            assertEquals("2026-12-24", exceptions.getJsonObject(0).getString("date"));
            assertTrue(exceptions.getJsonObject(0).getBoolean("recording"));
            assertEquals("12:00", exceptions.getJsonObject(0).getString("end"));
            assertEquals("2026-12-25", exceptions.getJsonObject(1).getString("date"));
            assertFalse(exceptions.getJsonObject(1).getBoolean("recording"));
            assertTrue(exceptions.getJsonObject(1).isNull("start"));
            assertEquals("holiday", exceptions.getJsonObject(1).getString("note"));
            assertEquals(4, json.getJsonArray("next_changes").size());
        }
        // what GET answers can be PUT back as it is
        Api.Reply again = api.put(path(id), got.body());
        assertEquals(200, again.status(), again.body());
        assertEquals(got.json().getJsonObject("weekly"), again.json().getJsonObject("weekly"));
        assertEquals(got.json().getJsonArray("exceptions"), again.json().getJsonArray("exceptions"));

        assertEquals(204, api.delete("/cameras/" + id).status());
        expect(api.get(path(id)), 404, "no camera");
    }

    @Test
    void onNowAndNextChangesFollowTheClock(KeyframeServer server) {
        Api api = new Api(server);
        String id = camera(api, "sched-now", "off");
        StringBuilder mornings = new StringBuilder();
        for (String day : new String[] {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
            mornings.append(mornings.isEmpty() ? "" : ", ").append('"').append(day)
                    .append("\": [{\"start\": \"00:00\", \"end\": \"12:00\"}]");
        }
        Instant before = Instant.now();
        Api.Reply reply = api.put(path(id), "{\"time_zone\": \"UTC\", \"weekly\": {" + mornings + "}}");
        Instant after = Instant.now();
        assertEquals(200, reply.status(), reply.body());
        boolean onNow = reply.json().getBoolean("on_now");
        if (LocalTime.ofInstant(before, ZoneOffset.UTC).getHour() < 12 == LocalTime.ofInstant(after, ZoneOffset.UTC).getHour() < 12) {
            assertEquals(LocalTime.ofInstant(before, ZoneOffset.UTC).getHour() < 12, onNow, reply.body());
        }
        JsonArray changes = reply.json().getJsonArray("next_changes");
        assertEquals(4, changes.size(), reply.body());
        boolean expected = !onNow;
        Instant previous = before;
        for (int i = 0; i < changes.size(); i++) {
            JsonObject change = changes.getJsonObject(i);
            String at = change.getString("at");
            assertTrue(at.endsWith("Z"), at);
            Instant instant = Instant.parse(at);
            assertTrue(instant.isAfter(previous), reply.body());
            assertTrue(Duration.between(previous, instant).compareTo(Duration.ofHours(12)) <= 0, reply.body());
            assertEquals(0, instant.getEpochSecond() % (12 * 3600), "at 00:00 or 12:00 UTC: " + at);
            assertEquals(expected, change.getBoolean("recording"), reply.body());
            assertEquals(instant.atZone(ZoneOffset.UTC).getHour() == 0, change.getBoolean("recording"), at);
            expected = !expected;
            previous = instant;
        }

        StringBuilder always = new StringBuilder(mornings.toString().replace("12:00", "24:00"));
        Api.Reply allDay = api.put(path(id), "{\"time_zone\": \"Asia/Kolkata\", \"weekly\": {" + always + "}}");
        assertEquals(200, allDay.status(), allDay.body());
        assertTrue(allDay.json().getBoolean("on_now"));
        assertEquals(0, allDay.json().getJsonArray("next_changes").size(), "a schedule that never changes");
        assertEquals("off", allDay.json().getString("recording_mode"));
    }

    @Test
    void putReplacesTheWholeSchedule(KeyframeServer server) {
        Api api = new Api(server);
        String id = camera(api, "sched-put", "scheduled");
        assertEquals(200, api.put(path(id), BERLIN).status());
        Api.Reply second = api.put(path(id), """
                {"time_zone": "America/New_York", "weekly": {"tuesday": [{"start": "09:00", "end": "10:00"}]},
                 "exceptions": [{"date": "2027-01-01", "recording": false}]}""");
        assertEquals(200, second.status(), second.body());
        JsonObject got = api.get(path(id)).json();
        assertEquals("America/New_York", got.getString("time_zone"));
        assertEquals(0, got.getJsonObject("weekly").getJsonArray("monday").size(), "monday of the first PUT is gone");
        assertEquals(0, got.getJsonObject("weekly").getJsonArray("sunday").size());
        assertEquals(1, got.getJsonObject("weekly").getJsonArray("tuesday").size());
        assertEquals(1, got.getJsonArray("exceptions").size(), got.toString());
        assertEquals("2027-01-01", got.getJsonArray("exceptions").getJsonObject(0).getString("date"));

        Api.Reply cleared = api.put(path(id), "{\"time_zone\": \"UTC\"}");
        assertEquals(200, cleared.status(), cleared.body());
        JsonObject empty = api.get(path(id)).json();
        assertEquals("UTC", empty.getString("time_zone"));
        empty.getJsonObject("weekly").values().forEach(ranges -> assertEquals(0, ranges.asJsonArray().size()));
        assertEquals(0, empty.getJsonArray("exceptions").size());
        assertEquals(0, empty.getJsonArray("next_changes").size());
    }

    @Test
    void badInputGetsClearErrors(KeyframeServer server) {
        Api api = new Api(server);
        String id = camera(api, "sched-bad", "scheduled");
        assertEquals(200, api.put(path(id), BERLIN).status());
        String stored = api.get(path(id)).json().getJsonObject("weekly").toString();

        expect(api.get("/cameras/nosuch-" + SUFFIX + "/schedule"), 404, "no camera");
        expect(api.put("/cameras/nosuch-" + SUFFIX + "/schedule", BERLIN), 404, "no camera");
        expect(api.get("/cameras/bad.id/schedule"), 400, "camera_id");
        expect(api.put("/cameras/bad.id/schedule", BERLIN), 400, "camera_id");

        expect(api.put(path(id), "{not json"), 400, "JSON");
        expect(api.put(path(id), "[]"), 400, "object");
        expect(api.put(path(id), "{}"), 400, "time_zone");
        expect(api.put(path(id), "{\"time_zone\": \"Europe/Atlantis\"}"), 400, "time_zone");
        expect(api.put(path(id), "{\"time_zone\": \"UTC\", \"camera_id\": \"other\"}"), 400, "camera_id");
        expect(api.put(path(id), weekly("\"monday\": [{\"start\": \"8:00\", \"end\": \"18:00\"}]")), 400,
                "weekly.monday[0].start");
        expect(api.put(path(id), weekly("\"monday\": [{\"start\": \"08:00\", \"end\": \"24:30\"}]")), 400,
                "weekly.monday[0].end");
        expect(api.put(path(id), weekly("\"monday\": [{\"start\": \"24:00\", \"end\": \"24:00\"}]")), 400,
                "weekly.monday[0].start");
        expect(api.put(path(id), weekly("\"friday\": [{\"start\": \"18:00\", \"end\": \"08:00\"}]")), 400,
                "weekly.friday");
        expect(api.put(path(id), weekly("\"monday\": [{\"start\": \"08:00\", \"end\": \"12:00\"},"
                + " {\"start\": \"11:00\", \"end\": \"13:00\"}]")), 400, "overlap");
        expect(api.put(path(id), weekly("\"funday\": []")), 400, "funday");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 49; i++) {
            many.append(i == 0 ? "" : ", ").append(String.format("{\"start\": \"%02d:%02d\", \"end\": \"%02d:%02d\"}",
                    i / 3, i % 3 * 20, i / 3, i % 3 * 20 + 10));
        }
        expect(api.put(path(id), weekly("\"monday\": [" + many + "]")), 400, "at most 48");

        expect(api.put(path(id), exceptions("{\"date\": \"2026-13-01\", \"recording\": false}")), 400,
                "exceptions[0].date");
        expect(api.put(path(id), exceptions("{\"date\": \"tomorrow\", \"recording\": false}")), 400,
                "exceptions[0].date");
        expect(api.put(path(id), exceptions("{\"date\": \"2026-12-25\"}")), 400, "exceptions[0].recording");
        expect(api.put(path(id), exceptions("{\"date\": \"2026-12-25\", \"recording\": true, \"start\": \"10:00\"}")),
                400, "start and end");
        expect(api.put(path(id), exceptions("{\"date\": \"2026-12-25\", \"recording\": false},"
                + " {\"date\": \"2026-12-25\", \"recording\": false}")), 400, "overlap");
        expect(api.put(path(id), exceptions("{\"date\": \"2026-12-24\", \"recording\": true, \"start\": \"08:00\","
                + " \"end\": \"12:00\"}, {\"date\": \"2026-12-24\", \"recording\": false, \"start\": \"11:00\","
                + " \"end\": \"13:00\"}")), 400, "overlap");
        StringBuilder days = new StringBuilder();
        for (int i = 0; i < 367; i++) {
            days.append(i == 0 ? "" : ", ").append("{\"date\": \"").append(LocalDate.of(2027, 1, 1).plusDays(i))
                    .append("\", \"recording\": false}");
        }
        expect(api.put(path(id), exceptions(days.toString())), 400, "at most 366");

        assertEquals(stored, api.get(path(id)).json().getJsonObject("weekly").toString(),
                "a refused PUT changes nothing");
        assertEquals(2, api.get(path(id)).json().getJsonArray("exceptions").size());
        expect(api.put(path(id), ""), 400, "request body");
    }

    private static String weekly(String days) {
        return "{\"time_zone\": \"Europe/Berlin\", \"weekly\": {" + days + "}}";
    }

    private static String exceptions(String list) {
        return "{\"time_zone\": \"Europe/Berlin\", \"exceptions\": [" + list + "]}";
    }

    private static void expect(Api.Reply reply, int status, String messagePart) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(status, reply.json().getInt("status"), reply.body());
        assertTrue(reply.error().contains(messagePart), "'" + reply.error() + "' should mention " + messagePart);
    }
}
