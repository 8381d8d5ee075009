package it.io.keyframe.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /storage} and {@code GET /cleanup/audit} over rows inserted directly (no video): per-
 * camera totals, the write rate and forecast from known sizes, audit filters, order and pages.
 * The server is shared, so this test's cameras carry a random suffix and totals over all cameras
 * are checked against what other tests may have added.
 */
@ExtendWith(SharedServer.class)
class StorageAuditIT {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    /** Segments: one three days old and two recent, plus one being deleted that must not count. */
    private static final String CAM_A = "storage-a-" + SUFFIX;
    /** One recent segment. */
    private static final String CAM_B = "storage-b-" + SUFFIX;
    /** Seven audit entries, one minute apart except two at the same instant. */
    private static final String CAM_C = "storage-c-" + SUFFIX;
    /** Audit times far from any other test's (those audit at now()). */
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private static Instant now;
    private static Instant oldStart;
    private static final List<Long> AUDIT_IDS = new ArrayList<>();

    @BeforeAll
    static void rows(KeyframeServer server) throws Exception {
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        oldStart = now.minus(Duration.ofDays(3));
        try (Connection db = server.database().connect()) {
            segment(db, CAM_A, oldStart, 5_000_000, "ready");
            segment(db, CAM_A, now.minus(Duration.ofHours(2)), 1_000_000, "ready");
            segment(db, CAM_A, now.minus(Duration.ofHours(1)), 2_000_000, "ready");
            segment(db, CAM_A, now.minus(Duration.ofMinutes(30)), 7_000_000, "deleting");
            segment(db, CAM_B, now.minus(Duration.ofHours(10)), 4_000_000, "ready");
            // seven entries of camera C: minutes 0 … 5, minute 3 twice; reasons rotate
            String[] reasons = {"retention_age", "disk_usage", "manual"};
            int[] minutes = {0, 1, 2, 3, 3, 4, 5};
            for (int i = 0; i < minutes.length; i++) {
                Instant at = T0.plus(Duration.ofMinutes(minutes[i]));
                AUDIT_IDS.add(i == 6
                        ? audit(db, at, CAM_C, null, null, null, null, "manual", "operator", null, null, null)
                        : audit(db, at, CAM_C, "main", 1000L + i, CAM_C + "/main/" + i + ".mp4", 100L * (i + 1),
                                reasons[i % 3], "retention", "entry " + i, at.minus(Duration.ofDays(31)),
                                at.minus(Duration.ofDays(31)).plusSeconds(6)));
            }
            audit(db, T0.plusSeconds(150), CAM_A, "main", 77L, CAM_A + "/x.mp4", 10L, "manual", "operator", "by hand",
                    null, null);
        }
    }

    @AfterAll
    static void cleanUp(KeyframeServer server) throws Exception {
        try (Connection db = server.database().connect();
             PreparedStatement segments = db.prepareStatement("DELETE FROM segment WHERE camera_id IN (?, ?)");
             PreparedStatement audits = db.prepareStatement("DELETE FROM cleanup_audit WHERE camera_id IN (?, ?)")) {
            segments.setString(1, CAM_A);
            segments.setString(2, CAM_B);
            segments.executeUpdate();
            audits.setString(1, CAM_A);
            audits.setString(2, CAM_C);
            audits.executeUpdate();
        }
    }

    @Test
    void storageReportsDiskFootagePerCameraRateAndForecast(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        long othersBefore = othersRecentBytes(server);
        Api.Reply reply = api.get("/storage");
        long othersAfter = othersRecentBytes(server);
        assertEquals(200, reply.status(), reply.body());
        JsonObject json = reply.json();

        JsonObject disk = json.getJsonObject("disk");
        assertEquals(server.recordingRoot().toAbsolutePath().normalize().toString(), disk.getString("path"));
        long total = disk.getJsonNumber("total_bytes").longValueExact();
        long used = disk.getJsonNumber("used_bytes").longValueExact();
        assertTrue(total > 0, disk.toString());
        assertTrue(used > 0 && used <= total, disk.toString());
        assertEquals(total - used, disk.getJsonNumber("free_bytes").longValueExact());
        assertEquals(used * 100.0 / total, disk.getJsonNumber("used_percent").doubleValue(), 0.01);

        JsonObject a = camera(json, CAM_A);
        assertEquals(8_000_000, a.getJsonNumber("bytes").longValueExact());
        assertEquals(3, a.getInt("segments"));
        assertEquals(oldStart, Instant.parse(a.getString("oldest")));
        assertEquals(now.minus(Duration.ofHours(1)).plusSeconds(6), Instant.parse(a.getString("newest")));
        JsonObject b = camera(json, CAM_B);
        assertEquals(4_000_000, b.getJsonNumber("bytes").longValueExact());
        assertEquals(1, b.getInt("segments"));

        long bytes = 0;
        long segments = 0;
        for (JsonObject c : json.getJsonArray("cameras").getValuesAs(JsonObject.class)) {
            bytes += c.getJsonNumber("bytes").longValueExact();
            segments += c.getJsonNumber("segments").longValueExact();
        }
        JsonObject footage = json.getJsonObject("footage");
        assertEquals(bytes, footage.getJsonNumber("bytes").longValueExact());
        assertEquals(segments, footage.getJsonNumber("segments").longValueExact());
        assertFalse(Instant.parse(footage.getString("oldest")).isAfter(oldStart));

        // camera A's footage from three days ago makes the window a full day: 1 + 2 + 4 MB recent
        JsonObject rate = json.getJsonObject("write_rate");
        assertEquals(24.0, rate.getJsonNumber("window_hours").doubleValue());
        long perDay = rate.getJsonNumber("bytes_per_day").longValueExact();
        if (othersBefore == othersAfter) {
            assertEquals(7_000_000 + othersBefore, perDay, rate.toString());
        } else {
            assertTrue(perDay >= 7_000_000 + othersBefore, rate.toString());
        }

        JsonObject cleanup = json.getJsonObject("cleanup");
        assertEquals(true, cleanup.getBoolean("enabled"));
        assertEquals(30, cleanup.getInt("max_retention_days"));
        assertEquals(95, cleanup.getInt("max_disk_usage_percent"));
        assertEquals(3600, cleanup.getInt("check_interval_secs"));

        // 95 % of the disk less the files that are not footage, then capacity / rate capped at 30 days
        JsonObject forecast = json.getJsonObject("forecast");
        long capacity = Math.max(0, total / 100 * 95 + total % 100 * 95 / 100 - Math.max(0, used - bytes));
        assertEquals(capacity, forecast.getJsonNumber("footage_capacity_bytes").longValueExact());
        double diskDays = (double) capacity / perDay;
        double expected = Math.min(diskDays, 30);
        assertEquals(expected, forecast.getJsonNumber("days_kept").doubleValue(), 0.01, forecast.toString());
        assertEquals(diskDays > 30 ? "retention" : "disk", forecast.getString("limited_by"));
    }

    @Test
    void auditListsACameraNewestFirstWithEveryField(KeyframeServer server) {
        List<JsonObject> entries = entries(new Api(server).get("/cleanup/audit?camera_id=" + CAM_C));
        List<Long> expected = new ArrayList<>(AUDIT_IDS);
        Collections.reverse(expected); // inserted oldest first; minute 3's pair by id
        assertEquals(expected, ids(entries));

        JsonObject bare = entries.get(0);
        assertEquals(T0.plus(Duration.ofMinutes(5)).toString(), bare.getString("at"));
        for (String field : List.of("stream_id", "segment_id", "file_path", "size_bytes", "detail", "segment_start",
                "segment_end")) {
            assertTrue(bare.containsKey(field) && Api.isNull(bare, field), field + " in " + bare);
        }
        JsonObject full = entries.get(6);
        Instant at = T0;
        assertEquals(AUDIT_IDS.get(0).longValue(), full.getJsonNumber("id").longValue());
        assertEquals(at.toString(), full.getString("at"));
        assertEquals(CAM_C, full.getString("camera_id"));
        assertEquals("main", full.getString("stream_id"));
        assertEquals(1000, full.getInt("segment_id"));
        assertEquals(CAM_C + "/main/0.mp4", full.getString("file_path"));
        assertEquals(100, full.getInt("size_bytes"));
        assertEquals("retention_age", full.getString("reason"));
        assertEquals("retention", full.getString("actor"));
        assertEquals("entry 0", full.getString("detail"));
        assertEquals(at.minus(Duration.ofDays(31)).toString(), full.getString("segment_start"));
        assertEquals(at.minus(Duration.ofDays(31)).plusSeconds(6).toString(), full.getString("segment_end"));
    }

    @Test
    void auditFiltersByReasonAndTime(KeyframeServer server) {
        Api api = new Api(server);
        // manual: entries 2 and 5 (rotation) and 6 (bare)
        assertEquals(List.of(AUDIT_IDS.get(6), AUDIT_IDS.get(5), AUDIT_IDS.get(2)),
                ids(entries(api.get("/cleanup/audit?camera_id=" + CAM_C + "&reason=manual"))));
        // [minute 2, minute 4): entries 2, 3, 4 — from inclusive, to exclusive
        assertEquals(List.of(AUDIT_IDS.get(4), AUDIT_IDS.get(3), AUDIT_IDS.get(2)),
                ids(entries(api.get("/cleanup/audit?camera_id=" + CAM_C + "&from=" + T0.plusSeconds(120)
                        + "&to=" + T0.plusSeconds(240)))));
        // without a camera: camera A's entry at 2.5 minutes lies between C's minutes 2 and 3
        List<JsonObject> both = entries(api.get("/cleanup/audit?from=" + T0.plusSeconds(120) + "&to="
                + T0.plusSeconds(180) + "&reason=manual"));
        assertEquals(List.of(CAM_A, CAM_C), both.stream().map(e -> e.getString("camera_id")).toList());
        assertEquals(List.of(), entries(api.get("/cleanup/audit?camera_id=" + CAM_B)));
        assertEquals(List.of(), entries(api.get("/cleanup/audit?camera_id=" + CAM_C + "&from=" + T0 + "&to=" + T0)));
    }

    @Test
    void auditPagesWithTheCursor(KeyframeServer server) {
        Api api = new Api(server);
        String base = "/cleanup/audit?camera_id=" + CAM_C + "&limit=3";
        List<Long> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Api.Reply page = api.get(base + (next == null ? "" : "&cursor=" + next));
            assertEquals(200, page.status(), page.body());
            List<JsonObject> rows = entries(page);
            sizes.add(rows.size());
            seen.addAll(ids(rows));
            next = Api.isNull(page.json(), "next_cursor") ? null : page.json().getString("next_cursor");
            pages++;
        } while (next != null && pages < 10);
        assertEquals(List.of(3, 3, 1), sizes);
        List<Long> expected = new ArrayList<>(AUDIT_IDS);
        Collections.reverse(expected);
        assertEquals(expected, seen);
        Set<Long> unique = new HashSet<>(seen);
        assertEquals(7, unique.size());
        // a page that ends exactly at the last entry says so
        Api.Reply all = api.get("/cleanup/audit?camera_id=" + CAM_C + "&limit=7");
        assertEquals(7, entries(all).size());
        assertTrue(Api.isNull(all.json(), "next_cursor"));
    }

    @Test
    void badParametersAreRefusedWithJsonErrors(KeyframeServer server) {
        Api api = new Api(server);
        // the catalog's cursor format is not an audit cursor
        String segmentCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("k1:1764000000.0:42".getBytes(StandardCharsets.US_ASCII));
        for (String query : List.of("camera_id=" + encode("bad id!"), "camera_id=" + "x".repeat(65), "camera_id=",
                "from=yesterday", "to=2026-13-01T00:00:00Z", "from=" + T0.plusSeconds(60) + "&to=" + T0,
                "limit=0", "limit=1001", "limit=ten", "cursor=not-a-cursor", "cursor=" + segmentCursor,
                "reason=" + encode("DROP TABLE"))) {
            Api.Reply reply = api.get("/cleanup/audit?" + query);
            assertEquals(400, reply.status(), query + " → " + reply.body());
            assertFalse(reply.error().isBlank(), query + " → " + reply.body());
        }
        assertTrue(api.get("/cleanup/audit?limit=1000").status() == 200);
        assertTrue(api.get("/cleanup/audit?camera_id=bad%20id").error().contains("camera_id"));
        assertTrue(api.get("/cleanup/audit?limit=0").error().contains("limit"));
        assertTrue(api.get("/cleanup/audit?from=yesterday").error().contains("from"));
        assertTrue(api.get("/cleanup/audit?cursor=zzz").error().contains("cursor"));
    }

    private static JsonObject camera(JsonObject storage, String cameraId) {
        return storage.getJsonArray("cameras").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("camera_id").equals(cameraId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + cameraId + " in " + storage));
    }

    private static List<JsonObject> entries(Api.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonArray("entries").getValuesAs(JsonObject.class);
    }

    private static List<Long> ids(List<JsonObject> entries) {
        return entries.stream().map(e -> e.getJsonNumber("id").longValue()).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Bytes of ready segments of other tests' cameras that started in the last day. */
    private static long othersRecentBytes(KeyframeServer server) throws Exception {
        try (Connection db = server.database().connect();
             PreparedStatement sum = db.prepareStatement("SELECT coalesce(sum(size_bytes), 0) FROM segment"
                     + " WHERE state = 'ready' AND camera_id NOT IN (?, ?) AND start_time > now() - interval '1 day'"
                     + " AND start_time <= now()")) {
            sum.setString(1, CAM_A);
            sum.setString(2, CAM_B);
            try (ResultSet rows = sum.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** A six-second segment row; no file exists, none is needed. */
    private static void segment(Connection db, String camera, Instant start, long size, String state)
            throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO segment (camera_id, stream_id, start_time,"
                + " end_time, duration_ms, file_path, size_bytes, state) VALUES (?, 'main', ?, ?, 6000, ?, ?, ?)")) {
            insert.setString(1, camera);
            insert.setTimestamp(2, Timestamp.from(start));
            insert.setTimestamp(3, Timestamp.from(start.plusSeconds(6)));
            insert.setString(4, camera + "/main/" + start.toEpochMilli() + ".mp4");
            insert.setLong(5, size);
            insert.setString(6, state);
            insert.executeUpdate();
        }
    }

    private static long audit(Connection db, Instant at, String camera, String stream, Long segmentId, String path,
                              Long size, String reason, String actor, String detail, Instant segmentStart,
                              Instant segmentEnd) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO cleanup_audit (at, camera_id, stream_id,"
                + " segment_id, file_path, size_bytes, reason, actor, detail, segment_start, segment_end)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            insert.setTimestamp(1, Timestamp.from(at));
            insert.setString(2, camera);
            insert.setString(3, stream);
            insert.setObject(4, segmentId, Types.BIGINT);
            insert.setString(5, path);
            insert.setObject(6, size, Types.BIGINT);
            insert.setString(7, reason);
            insert.setString(8, actor);
            insert.setString(9, detail);
            insert.setTimestamp(10, segmentStart == null ? null : Timestamp.from(segmentStart));
            insert.setTimestamp(11, segmentEnd == null ? null : Timestamp.from(segmentEnd));
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }
}
