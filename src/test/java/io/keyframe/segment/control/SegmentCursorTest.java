package io.keyframe.segment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.platform.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SegmentCursorTest {

    @Test
    void roundTripsWithMicroseconds() {
        SegmentCursor cursor = new SegmentCursor(Instant.parse("2026-11-24T18:10:00.123456Z"), 42);
        assertTrue(cursor.encode().matches("[A-Za-z0-9_-]+"), cursor.encode());
        assertEquals(cursor, SegmentCursor.decode(cursor.encode()));
    }

    @Test
    void foreignValuesAre400() {
        String notOurs = Base64.getUrlEncoder().encodeToString("k2:1.0:1".getBytes(StandardCharsets.US_ASCII));
        for (String bad : new String[] {"", "!!", "abc", notOurs, "a".repeat(500),
                Base64.getUrlEncoder().encodeToString("k1:1.0:99999999999999999999".getBytes(StandardCharsets.US_ASCII))}) {
            ApiException e = assertThrows(ApiException.class, () -> SegmentCursor.decode(bad), bad);
            assertEquals(400, e.status());
        }
    }

    @Test
    void queryParametersMatchThePlaceholders() {
        Instant from = Instant.parse("2026-11-24T00:00:00Z");
        for (SegmentListQuery q : new SegmentListQuery[] {
                new SegmentListQuery("lobby", from, from.plusSeconds(3600), null, null, null, 11),
                new SegmentListQuery("lobby", from, from.plusSeconds(3600), "main", "motion",
                        new SegmentCursor(from.plusSeconds(60), 7), 11)}) {
            Matcher m = Pattern.compile("\\?(\\d+)").matcher(q.sql());
            int expected = 1;
            while (m.find()) {
                assertEquals(expected++, Integer.parseInt(m.group(1)), q.sql());
            }
            assertEquals(expected - 1, q.parameters().size(), q.sql());
        }
    }
}
