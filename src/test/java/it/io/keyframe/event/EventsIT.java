package it.io.keyframe.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.segment.Footage;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.Media;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event-triggered recording against a real server: an {@code events} camera keeps the footage of
 * an event window (pre-roll before the trigger, post-roll after the end) and retention drops the
 * buffer no event claimed; an {@code off} camera that accepts events records only around them.
 */
class EventsIT {

    private static final Duration PRE = Duration.ofSeconds(4);
    private static final Duration POST = Duration.ofSeconds(4);

    private static CameraSimulator cameras;
    private static KeyframeServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start();
        server = new KeyframeServer("""
                segment_duration_secs = 2
                decision_interval_secs = 5

                [storage.cleanup]
                enabled = true
                check_interval_secs = 10
                unclaimed_grace_secs = 2
                safety_max_share_percent = 100
                """).start();
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (cameras != null) {
            cameras.close();
        }
    }

    private static String camera(String id, String mode, boolean acceptEvents) {
        JsonObject base = Json.createReader(new java.io.StringReader(Api.camera(id, cameras.url(Mount.H264), mode, null))).readObject();
        return Json.createObjectBuilder(base).add("pre_roll_secs", PRE.toSeconds()).add("post_roll_secs", POST.toSeconds())
                .add("accept_events", acceptEvents).build().toString();
    }

    @Test
    void anEventKeepsItsWindowAndTheUnclaimedBufferGoes() throws Exception {
        assertEquals(201, api.post("/cameras", camera("evt", "events", false)).status());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "RECORDING".equals(state("evt")));
        assertEquals("buffer", api.get("/recording/status/evt").json().getString("wanted_by"));
        Thread.sleep(12_000); // buffer footage well before the event

        Instant triggered = Instant.now();
        Api.Reply created = api.post("/recording/event/evt", "{\"event_type\": \"motion\", \"source\": \"door-3\", \"duration_secs\": 4}");
        assertEquals(201, created.status(), created.body());
        JsonObject event = created.json();
        long id = event.getJsonNumber("event_id").longValue();
        assertEquals("event", api.get("/recording/status/evt").json().getString("wanted_by"));
        // the same trigger again extends the running event instead of adding one
        assertEquals(id, api.post("/recording/event/evt", "{\"event_type\": \"motion\", \"duration_secs\": 4}")
                .json().getJsonNumber("event_id").longValue());
        Instant end = Instant.parse(api.get("/events/" + id).json().getString("end"));
        assertTrue(!end.isBefore(triggered.plusSeconds(4)), "ends " + end);

        // after the post-roll, segments carrying the event cover the whole window
        Instant keepFrom = triggered.minus(PRE);
        Instant keepUntil = end.plus(POST);
        List<JsonObject> motion = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> Footage.rows(api, "evt").stream().filter(r -> r.getString("event_type").equals("motion")).toList(),
                        rows -> !rows.isEmpty() && Instant.parse(rows.get(rows.size() - 1).getString("end_time")).isAfter(keepUntil));
        Instant firstStart = Instant.parse(motion.get(0).getString("start_time"));
        assertTrue(!firstStart.isAfter(keepFrom.plusMillis(500)), "event footage from " + firstStart + ", pre-roll from " + keepFrom);

        // an export of the event's window plays from before the trigger to after the end
        Path out = Files.createTempFile(Path.of("target"), "event-", ".mp4");
        try {
            HttpResponse<Path> export = server.http().send(server.request(api.get("/events/" + id).json()
                    .getString("export")).GET().build(), HttpResponse.BodyHandlers.ofFile(out));
            assertEquals(200, export.statusCode());
            double seconds = Media.duration(out);
            double window = Duration.between(keepFrom, keepUntil).toMillis() / 1000.0;
            assertTrue(seconds >= window - 1.5, "export of " + seconds + " s for a window of " + window + " s");
        } finally {
            Files.deleteIfExists(out);
        }

        // the buffer recorded long before the event goes with the next cleanup; the event's stays
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() ->
                Footage.rows(api, "evt").stream().noneMatch(r -> r.getString("event_type").equals("continuous")
                        && Instant.parse(r.getString("end_time")).isBefore(keepFrom.minusSeconds(3))));
        assertTrue(Footage.rows(api, "evt").stream().anyMatch(r -> r.getString("event_type").equals("motion")));
        JsonObject audit = api.get("/cleanup/audit?camera_id=evt&reason=no_event").json();
        assertFalse(audit.getJsonArray("entries").isEmpty(), audit.toString());

        JsonObject listed = api.get("/events?camera_id=evt&event_type=motion").json();
        assertEquals(id, listed.getJsonArray("events").getJsonObject(0).getJsonNumber("event_id").longValue());
        Footage.stop(api, "evt");
    }

    @Test
    void anOffCameraThatAcceptsEventsRecordsOnlyAroundThem() throws Exception {
        assertEquals(201, api.post("/cameras", camera("evtoff", "off", true)).status());
        assertEquals(201, api.post("/cameras", camera("evtdeaf", "off", false)).status());
        Api.Reply refused = api.post("/recording/event/evtdeaf", "{\"event_type\": \"alarm\"}");
        assertEquals(409, refused.status(), refused.body());
        assertEquals("STOPPED", state("evtoff"));

        Api.Reply open = api.post("/recording/event/evtoff/main", "{\"event_type\": \"alarm\", \"source\": \"panel\"}");
        assertEquals(201, open.status(), open.body());
        long id = open.json().getJsonNumber("event_id").longValue();
        assertTrue(Api.isNull(open.json(), "end"), "open until ended");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "RECORDING".equals(state("evtoff")));
        assertEquals("event", api.get("/recording/status/evtoff").json().getString("wanted_by"));
        Thread.sleep(3000);
        JsonObject ended = api.post("/recording/event/" + id + "/end", null).json();
        assertFalse(ended.getBoolean("active"));
        // recording goes on for the post-roll, then stops
        Thread.sleep(POST.toMillis() - 1500);
        assertEquals("RECORDING", state("evtoff"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "STOPPED".equals(state("evtoff")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Footage.rows(api, "evtoff").isEmpty());
        assertTrue(Footage.rows(api, "evtoff").stream().allMatch(r -> r.getString("event_type").equals("alarm")),
                Footage.rows(api, "evtoff").toString());
    }

    @Test
    void aScheduledCameraRecordsInsideItsWindowOnly() throws Exception {
        assertEquals(201, api.post("/cameras", camera("sched", "scheduled", false)).status());
        // a one-minute window at the next minute boundary at least 15 s away (UTC, so no DST here)
        java.time.ZonedDateTime start = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(15)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusMinutes(1);
        int minute = start.getHour() * 60 + start.getMinute();
        String day = start.getDayOfWeek().name().toLowerCase();
        String range = String.format("{\"start\": \"%02d:%02d\", \"end\": \"%s\"}", minute / 60, minute % 60,
                minute + 1 == 1440 ? "24:00" : String.format("%02d:%02d", (minute + 1) / 60, (minute + 1) % 60));
        Api.Reply put = api.put("/cameras/sched/schedule", "{\"time_zone\": \"UTC\", \"weekly\": {\"" + day + "\": [" + range + "]}}");
        assertEquals(200, put.status(), put.body());
        assertEquals(start.toInstant().toString(), put.json().getJsonArray("next_changes").getJsonObject(0).getString("at"));
        assertEquals("STOPPED", state("sched"));

        Instant opens = start.toInstant();
        Awaitility.await().atMost(Duration.between(Instant.now(), opens).plusSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> "RECORDING".equals(state("sched")));
        assertTrue(!Instant.now().isBefore(opens), "not before the window opens");
        assertEquals("schedule", api.get("/recording/status/sched").json().getString("wanted_by"));
        Instant closes = opens.plusSeconds(60);
        Awaitility.await().atMost(Duration.between(Instant.now(), closes).plusSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> "STOPPED".equals(state("sched")));
        assertTrue(!Instant.now().isBefore(closes), "not before the window closes");
        Thread.sleep(3000);
        JsonObject timeline = api.get("/cameras/sched/timeline?from=" + opens + "&to=" + Instant.now()).json();
        jakarta.json.JsonArray gaps = timeline.getJsonArray("gaps");
        assertTrue(gaps != null && !gaps.isEmpty(), timeline.toString());
        assertEquals("schedule_off", gaps.getJsonObject(gaps.size() - 1).getString("cause"), timeline.toString());
    }

    @Test
    void badEventsGetClearErrors() {
        assertEquals(201, api.post("/cameras", camera("evtbad", "events", false)).status());
        expect(api.post("/recording/event/nosuch", "{\"event_type\": \"motion\"}"), 404, "no camera");
        expect(api.post("/recording/event/bad.id", "{\"event_type\": \"motion\"}"), 400, "camera_id");
        expect(api.post("/recording/event/evtbad/nosuch", "{\"event_type\": \"motion\"}"), 404, "no stream");
        expect(api.post("/recording/event/evtbad", "{\"event_type\": \"Motion Detected!\"}"), 400, "event_type");
        expect(api.post("/recording/event/evtbad", "{\"event_type\": \"continuous\"}"), 400, "reserved");
        for (String duration : List.of("-1", "0", "100000", "1.5", "\"ten\"")) {
            expect(api.post("/recording/event/evtbad", "{\"event_type\": \"motion\", \"duration_secs\": " + duration + "}"), 400,
                    "duration_secs");
        }
        expect(api.post("/recording/event/evtbad", "{not json"), 400, "JSON");
        expect(api.post("/recording/event/999999999/end", null), 404, "no event");
        expect(api.get("/events/abc"), 400, "event id");
        expect(api.get("/events?event_type=NO!"), 400, "event_type");
        expect(api.get("/events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), 400, "from");
        Footage.stop(api, "evtbad");
    }

    private static void expect(Api.Reply reply, int status, String message) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.error().contains(message), reply.body());
    }

    private static String state(String camera) {
        return api.get("/recording/status/" + camera).json().getString("state");
    }
}
