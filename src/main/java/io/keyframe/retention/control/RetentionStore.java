package io.keyframe.retention.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The queries retention runs on: which cameras have footage, their retention overrides, and pages
 * of candidate segments in (start_time, id) order, each answered from an index
 * ({@code idx_segment_camera_start} per camera, {@code idx_segment_start} across cameras).
 * Read-only; deletions go through {@link io.keyframe.segment.control.SegmentDeleter}.
 */
@ApplicationScoped
public class RetentionStore {

    private static final String CANDIDATE = "SELECT id, camera_id, stream_id, event_type, start_time, end_time,"
            + " size_bytes, legal_hold FROM segment";

    @Resource(lookup = "jdbc/keyframe")
    DataSource dataSource;

    /** A keyset position in (start_time, id) order; {@link #FIRST} is before everything. */
    public record Position(Instant start, long id) {
        public static final Position FIRST = new Position(Instant.EPOCH.minusSeconds(1), 0);

        static Position after(RetentionCandidate c) {
            return new Position(c.start(), c.id());
        }
    }

    /** Every camera id with footage or configuration: a loose index scan, fast on millions of rows. */
    public List<String> cameraIds() {
        String sql = """
                WITH RECURSIVE ids AS (
                    (SELECT camera_id FROM segment ORDER BY camera_id LIMIT 1)
                    UNION ALL
                    SELECT (SELECT s.camera_id FROM segment s WHERE s.camera_id > ids.camera_id ORDER BY s.camera_id LIMIT 1)
                      FROM ids WHERE ids.camera_id IS NOT NULL)
                SELECT camera_id FROM ids WHERE camera_id IS NOT NULL
                UNION SELECT camera_id FROM camera ORDER BY 1""";
        List<String> ids = new ArrayList<>();
        query(sql, s -> { }, r -> ids.add(r.getString(1)));
        return ids;
    }

    /** Whether a camera is configured or has footage. */
    public boolean knows(String cameraId) {
        boolean[] known = {false};
        query("SELECT EXISTS (SELECT 1 FROM camera WHERE camera_id = ?) OR EXISTS (SELECT 1 FROM segment WHERE camera_id = ?)",
                s -> {
                    s.setString(1, cameraId);
                    s.setString(2, cameraId);
                }, r -> known[0] = r.getBoolean(1));
        return known[0];
    }

    /**
     * Footage of {@code events} and {@code off} cameras that no event window claims (event type
     * still {@code continuous}, not manual, not held), ended more than the camera's pre-roll plus
     * {@code grace} ago: the pre-event buffer that is no longer needed. Per camera, from the index.
     */
    public List<Long> unclaimed(Instant now, Duration grace, int limit) {
        List<String> cameras = new ArrayList<>();
        query("SELECT camera_id FROM camera WHERE recording_mode IN ('events', 'off') ORDER BY camera_id", s -> { },
                r -> cameras.add(r.getString(1)));
        String sql = """
                SELECT s.id FROM segment s JOIN camera c ON c.camera_id = s.camera_id
                 WHERE s.camera_id = ? AND s.state = 'ready' AND s.event_type = 'continuous' AND NOT s.legal_hold
                   AND s.start_time < ? AND s.end_time < CAST(? AS timestamptz) - make_interval(secs => c.pre_roll_secs)
                   AND NOT EXISTS (SELECT 1 FROM recording_event e WHERE e.camera_id = s.camera_id
                         AND (e.stream_id IS NULL OR e.stream_id = s.stream_id)
                         AND e.start_time - make_interval(secs => e.pre_roll_secs) < s.end_time
                         AND (e.end_time IS NULL OR e.end_time + make_interval(secs => e.post_roll_secs) > s.start_time))
                 ORDER BY s.start_time, s.id LIMIT ?""";
        List<Long> ids = new ArrayList<>();
        Instant before = now.minus(grace);
        for (String camera : cameras) {
            if (ids.size() >= limit) {
                break;
            }
            int room = limit - ids.size();
            query(sql, s -> {
                s.setString(1, camera);
                s.setTimestamp(2, Timestamp.from(before));
                s.setTimestamp(3, Timestamp.from(before));
                s.setInt(4, room);
            }, r -> ids.add(r.getLong(1)));
        }
        return ids;
    }

    /** {@code camera.retention_days} where set. */
    public Map<String, Integer> cameraDays() {
        Map<String, Integer> days = new HashMap<>();
        query("SELECT camera_id, retention_days FROM camera WHERE retention_days IS NOT NULL", s -> { },
                r -> days.put(r.getString(1), r.getInt(2)));
        return days;
    }

    /** {@code stream.retention_days} where set. */
    public Map<RetentionRules.StreamKey, Integer> streamDays() {
        Map<RetentionRules.StreamKey, Integer> days = new HashMap<>();
        query("SELECT camera_id, stream_id, retention_days FROM stream WHERE retention_days IS NOT NULL", s -> { },
                r -> days.put(new RetentionRules.StreamKey(r.getString(1), r.getString(2)), r.getInt(3)));
        return days;
    }

    /** Bytes of all ready footage (the safety stop's denominator). */
    public long totalFootageBytes() {
        long[] total = {0};
        query("SELECT COALESCE(SUM(size_bytes), 0) FROM segment WHERE state = 'ready'", s -> { },
                r -> total[0] = r.getLong(1));
        return total[0];
    }

    /**
     * One page of a camera's (or stream's) ready segments that started before {@code before}, after
     * {@code position}; {@code streamId} may be null for all streams.
     */
    public List<RetentionCandidate> startedBefore(String cameraId, String streamId, Instant before, Position position,
                                                  int limit, Set<Long> inUse) {
        String sql = CANDIDATE + " WHERE camera_id = ? AND start_time < ? AND state = 'ready'"
                + (streamId == null ? "" : " AND stream_id = ?")
                + " AND start_time >= ? AND (start_time > ? OR id > ?) ORDER BY start_time, id LIMIT ?";
        List<RetentionCandidate> page = new ArrayList<>();
        query(sql, s -> {
            int i = 1;
            s.setString(i++, cameraId);
            s.setTimestamp(i++, Timestamp.from(before));
            if (streamId != null) {
                s.setString(i++, streamId);
            }
            s.setTimestamp(i++, Timestamp.from(position.start()));
            s.setTimestamp(i++, Timestamp.from(position.start()));
            s.setLong(i++, position.id());
            s.setInt(i, limit);
        }, r -> page.add(candidate(r, inUse)));
        return page;
    }

    /** One page of the oldest ready segments across all cameras, after {@code position}. */
    public List<RetentionCandidate> oldest(Position position, int limit, Set<Long> inUse) {
        String sql = CANDIDATE + " WHERE state = 'ready' AND start_time >= ? AND (start_time > ? OR id > ?)"
                + " ORDER BY start_time, id LIMIT ?";
        List<RetentionCandidate> page = new ArrayList<>();
        query(sql, s -> {
            s.setTimestamp(1, Timestamp.from(position.start()));
            s.setTimestamp(2, Timestamp.from(position.start()));
            s.setLong(3, position.id());
            s.setInt(4, limit);
        }, r -> page.add(candidate(r, inUse)));
        return page;
    }

    private static RetentionCandidate candidate(ResultSet r, Set<Long> inUse) throws SQLException {
        long id = r.getLong(1);
        return new RetentionCandidate(id, r.getString(2), r.getString(3), r.getString(4),
                r.getTimestamp(5).toInstant(), r.getTimestamp(6).toInstant(), r.getLong(7), r.getBoolean(8),
                inUse.contains(id));
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reader.read(r);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("retention query failed: " + e.getMessage(), e);
        }
    }
}
