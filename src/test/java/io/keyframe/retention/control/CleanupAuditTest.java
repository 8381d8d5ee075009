package io.keyframe.retention.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyframe.platform.rest.ApiException;
import io.keyframe.retention.control.CleanupAudit.Cursor;
import io.keyframe.retention.control.CleanupAudit.Query;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanupAuditTest {

    private static final Instant AT = Instant.parse("2026-11-24T12:00:00.123456Z");

    @Test
    void aCursorSurvivesItsOpaqueForm() {
        Cursor cursor = new Cursor(AT, 42);
        assertEquals(cursor, Cursor.decode(cursor.encode()));
        assertEquals(new Cursor(Instant.EPOCH, 0), Cursor.decode(new Cursor(Instant.EPOCH, 0).encode()));
    }

    @Test
    void anythingElseIsABadRequest() {
        for (String bad : new String[] {"", "not a cursor", "%%%", b64("a1:1.2"), b64("k1:1.0:4"),
                b64("a1:99999999999999999.0:1"), b64("a1:1.0:99999999999999999999"), "x".repeat(300)}) {
            ApiException e = assertThrows(ApiException.class, () -> Cursor.decode(bad), bad);
            assertEquals(400, e.status());
        }
    }

    @Test
    void theQueryHasOneParameterPerPlaceholderInOrder() {
        Query all = new Query(null, null, null, null, null, 101);
        assertEquals("SELECT id, at, camera_id, stream_id, segment_id, file_path, size_bytes, reason, actor, detail,"
                + " segment_start, segment_end FROM cleanup_audit WHERE TRUE ORDER BY at DESC, id DESC LIMIT ?1",
                all.sql());
        assertEquals(List.of(101), all.parameters());

        Instant from = AT.minusSeconds(3600);
        Query every = new Query("cam", from, AT, "manual", new Cursor(AT.minusSeconds(60), 7), 4);
        assertEquals("SELECT id, at, camera_id, stream_id, segment_id, file_path, size_bytes, reason, actor, detail,"
                + " segment_start, segment_end FROM cleanup_audit WHERE TRUE AND camera_id = ?1 AND at >= ?2"
                + " AND at < ?3 AND reason = ?4 AND at <= ?5 AND (at < ?6 OR id < ?7)"
                + " ORDER BY at DESC, id DESC LIMIT ?8", every.sql());
        assertEquals(List.of("cam", Timestamp.from(from), Timestamp.from(AT), "manual",
                Timestamp.from(AT.minusSeconds(60)), Timestamp.from(AT.minusSeconds(60)), 7L, 4), every.parameters());
    }

    @Test
    void theCountUsesTheFiltersOnlyAndStopsAtTheCap() {
        Query all = new Query(null, null, null, null, null, 101);
        assertEquals("SELECT count(*) FROM (SELECT 1 FROM cleanup_audit WHERE TRUE LIMIT ?1) capped", all.countSql());
        assertEquals(List.of(1000), all.countParameters(1000));

        Query some = new Query("cam", null, null, "disk_usage", new Cursor(AT, 7), 4);
        assertEquals("SELECT count(*) FROM (SELECT 1 FROM cleanup_audit WHERE TRUE AND camera_id = ?1 AND reason = ?2"
                + " LIMIT ?3) capped", some.countSql());
        assertEquals(List.of("cam", "disk_usage", 50), some.countParameters(50));
    }

    private static String b64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }
}
