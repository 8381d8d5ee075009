package io.keyframe.segment.control;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog query of {@code GET /cameras/{camera_id}/segments} as SQL with its parameters in
 * order, so the integration test can {@code EXPLAIN} exactly what the server runs. Segments
 * overlapping {@code [from, to)} in (start_time, id) order, after an optional keyset cursor; the
 * bounded start range ({@link #LONGEST_SEGMENT}) and the cursor are both range conditions on
 * {@code idx_segment_camera_start (camera_id, start_time)}.
 *
 * @param limit rows to fetch (the store asks one more than a page to know whether more exist)
 */
public record SegmentListQuery(String cameraId, Instant from, Instant to, String streamId, String eventType,
                               SegmentCursor after, int limit) {

    /** No segment is longer than this: bounds the index range scan of overlap queries. */
    public static final Duration LONGEST_SEGMENT = Duration.ofHours(2);

    /** SQL with JDBC-style ordinal parameters {@code ?1 … ?n}, each used once, in order. */
    public String sql() {
        StringBuilder sql = new StringBuilder("SELECT s.* FROM segment s WHERE s.camera_id = ?1"
                + " AND s.start_time < ?2 AND s.start_time >= ?3 AND s.end_time > ?4 AND s.state = 'ready'");
        int n = 5;
        if (streamId != null) {
            sql.append(" AND s.stream_id = ?").append(n++);
        }
        if (eventType != null) {
            sql.append(" AND s.event_type = ?").append(n++);
        }
        if (after != null) {
            sql.append(" AND s.start_time >= ?").append(n++).append(" AND (s.start_time > ?").append(n++)
                    .append(" OR s.id > ?").append(n++).append(")");
        }
        sql.append(" ORDER BY s.start_time, s.id LIMIT ?").append(n);
        return sql.toString();
    }

    /** The values of {@code ?1 … ?n}. */
    public List<Object> parameters() {
        List<Object> values = new ArrayList<>();
        values.add(cameraId);
        values.add(Timestamp.from(to));
        values.add(Timestamp.from(from.minus(LONGEST_SEGMENT)));
        values.add(Timestamp.from(from));
        if (streamId != null) {
            values.add(streamId);
        }
        if (eventType != null) {
            values.add(eventType);
        }
        if (after != null) {
            values.add(Timestamp.from(after.startTime()));
            values.add(Timestamp.from(after.startTime()));
            values.add(after.id());
        }
        values.add(limit);
        return values;
    }
}
