package it.io.keyframe.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.segment.control.SegmentCursor;
import io.keyframe.segment.control.SegmentListQuery;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalog with 200 000 rows (40 cameras × 5 000 six-second segments, rows only): pages through
 * a time range with the cursor, and shows that PostgreSQL answers the query the server runs from
 * {@code idx_segment_camera_start}.
 */
@ExtendWith(SharedServer.class)
class CatalogPaginationIT {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final int CAMERAS = 40;
    private static final int PER_CAMERA = 5000;

    @BeforeAll
    static void rows(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        assertEquals(201, api.post("/cameras", Api.camera("pagecam07", "rtsp://127.0.0.1:9/x", "off", null)).status());
        try (Connection db = server.database().connect(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO segment (camera_id, stream_id, start_time, end_time, duration_ms, file_path, size_bytes)"
                    + " SELECT 'pagecam' || lpad(c::text, 2, '0'), 'main',"
                    + " timestamptz '" + T0 + "' + (i * 6) * interval '1 second',"
                    + " timestamptz '" + T0 + "' + (i * 6 + 6) * interval '1 second', 6000,"
                    + " 'pagecam' || c || '/' || i || '.mp4', 1000"
                    + " FROM generate_series(0, " + (CAMERAS - 1) + ") c, generate_series(0, " + (PER_CAMERA - 1) + ") i");
            // two rows with the same start: the id breaks the tie, no row is lost between pages
            sql.execute("INSERT INTO segment (camera_id, stream_id, start_time, end_time, duration_ms, file_path, size_bytes)"
                    + " VALUES ('pagecam07', 'sub', timestamptz '" + T0.plusSeconds(600) + "',"
                    + " timestamptz '" + T0.plusSeconds(606) + "', 6000, 'pagecam07/sub-600.mp4', 1000)");
            sql.execute("ANALYZE segment");
        }
    }

    @Test
    void pagesCoverTheRangeExactlyOnceInOrder(KeyframeServer server) {
        Api api = new Api(server);
        Instant from = T0.plusSeconds(300);
        Instant to = T0.plusSeconds(3300);
        String base = "/cameras/pagecam07/segments?from=" + from + "&to=" + to + "&limit=73";
        List<JsonObject> all = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Api.Reply page = api.get(base + (next == null ? "" : "&cursor=" + next));
            assertEquals(200, page.status(), page.body());
            List<JsonObject> rows = page.json().getJsonArray("segments").stream().map(v -> v.asJsonObject()).toList();
            assertTrue(rows.size() <= 73);
            all.addAll(rows);
            next = page.json().containsKey("next") ? page.json().getString("next") : null;
            pages++;
        } while (next != null && pages < 100);
        // segments overlapping [300 s, 3300 s): 50 … 549, plus the extra stream's row
        assertEquals(501, all.size());
        assertEquals(7, pages); // 501 rows in pages of 73
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            assertTrue(ids.add(all.get(i).getJsonNumber("id").longValue()), "repeated row " + all.get(i));
            if (i > 0) {
                assertFalse(Instant.parse(all.get(i).getString("start_time"))
                        .isBefore(Instant.parse(all.get(i - 1).getString("start_time"))));
            }
        }
        assertEquals(T0.plusSeconds(300).toString(), all.get(0).getString("start_time"));
        assertTrue(all.get(0).containsKey("url") && all.get(0).containsKey("file_path"));
        assertEquals(400, api.get(base + "&cursor=not-a-cursor").status());
    }

    @Test
    void thePlanUsesTheCameraStartIndex(KeyframeServer server) throws Exception {
        Instant from = T0.plusSeconds(3600);
        for (SegmentListQuery query : List.of(
                new SegmentListQuery("pagecam07", from, from.plusSeconds(3600), null, null, null, 1001),
                new SegmentListQuery("pagecam07", from, from.plusSeconds(3600), "main", "continuous",
                        new SegmentCursor(from.plusSeconds(600), 12345), 101))) {
            String plan = explain(server, query);
            System.out.println("EXPLAIN " + query.sql() + "\n" + plan);
            assertTrue(plan.contains("idx_segment_camera_start"), plan);
            assertFalse(plan.contains("Seq Scan"), plan);
        }
    }

    private static String explain(KeyframeServer server, SegmentListQuery query) throws Exception {
        try (Connection db = server.database().connect();
             PreparedStatement explain = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + query.sql().replaceAll("\\?\\d+", "?"))) {
            List<Object> values = query.parameters();
            for (int i = 0; i < values.size(); i++) {
                explain.setObject(i + 1, values.get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
