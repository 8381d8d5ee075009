package it.io.keyframe.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The timeline of a camera recorded, stopped for a while, and recorded again. */
@ExtendWith(SharedServer.class)
class TimelineIT {

    @Test
    void aStoppedCameraShowsAsAGapWithThatCause(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        try (CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start()) {
            Footage.camera(api, "timeline1", cameras.url(Mount.H264));
            Instant before = Instant.now().minusSeconds(1);
            Footage.start(api, "timeline1");
            Thread.sleep(9_000);
            Footage.stop(api, "timeline1");
            Instant stoppedAt = Instant.now();
            Thread.sleep(6_000);
            Instant restartedAt = Instant.now();
            Footage.record(api, "timeline1", 9, 4);
            Instant after = Instant.now();
            List<JsonObject> rows = Footage.rows(api, "timeline1");

            String query = "/cameras/timeline1/timeline?from=" + before + "&to=" + after;
            JsonObject timeline = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> api.get(query).json(),
                    t -> t.getJsonArray("intervals").size() == 2);
            assertEquals("main", timeline.getString("stream_id"));
            List<JsonObject> intervals = timeline.getJsonArray("intervals").stream().map(v -> v.asJsonObject()).toList();
            assertEquals(rows.size(), intervals.get(0).getInt("segments") + intervals.get(1).getInt("segments"));
            assertEquals(rows.get(0).getString("start_time"), intervals.get(0).getString("start"));
            assertEquals(rows.get(rows.size() - 1).getString("end_time"), intervals.get(1).getString("end"));

            JsonObject stopGap = timeline.getJsonArray("gaps").stream().map(v -> v.asJsonObject())
                    .filter(g -> g.getString("start").equals(intervals.get(0).getString("end"))).findFirst().orElseThrow();
            assertEquals("stream_stopped", stopGap.getString("cause"), timeline.toString());
            assertEquals("stop requested", stopGap.getString("detail"));
            assertEquals(intervals.get(1).getString("start"), stopGap.getString("end"));
            Instant gapStart = Instant.parse(stopGap.getString("start"));
            Instant gapEnd = Instant.parse(stopGap.getString("end"));
            // segment starts are wall-clock estimates from the first frame's running time: allow 1.5 s
            assertTrue(!gapStart.isAfter(stoppedAt.plusMillis(1500)) && gapEnd.isAfter(restartedAt.minusMillis(1500)),
                    stopGap + " stopped at " + stoppedAt + ", restarted at " + restartedAt);
            long covered = timeline.getJsonNumber("covered_ms").longValue();
            assertTrue(covered >= 12_000 && covered <= 20_000, timeline.toString());
        }
    }

    @Test
    void badTimelineRequestsAreJson4xx(KeyframeServer server) {
        Api api = new Api(server);
        assertEquals(404, api.get("/cameras/nosuchcamera/timeline").status());
        assertEquals(400, api.get("/cameras/bad..id/timeline").status());
        assertEquals(201, api.post("/cameras", Api.camera("timeline2", "rtsp://127.0.0.1:9/x", "off", null)).status());
        assertEquals(400, api.get("/cameras/timeline2/timeline?from=yesterday").status());
        assertEquals(400, api.get("/cameras/timeline2/timeline?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").status());
        assertEquals(400, api.get("/cameras/timeline2/timeline?from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z").status());
        assertEquals(400, api.get("/cameras/timeline2/timeline?stream_id=../x").status());
        var empty = api.get("/cameras/timeline2/timeline");
        assertEquals(200, empty.status(), empty.body());
        assertEquals(1, empty.json().getJsonArray("gaps").size());
        assertEquals("unknown", empty.json().getJsonArray("gaps").getJsonObject(0).getString("cause"));
    }
}
