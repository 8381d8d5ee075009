package io.keyframe.retention.control;

import io.keyframe.platform.rest.ApiException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Legal holds. The {@code legal_hold} rows are the truth; {@code segment.legal_hold} caches "some
 * hold covers this segment" and is recomputed here, in the same transaction, for every segment a
 * hold change touches. Every deletion path (timer, prune, disk usage) refuses rows with the flag
 * set, checked again when the row is marked for deletion.
 */
@ApplicationScoped
@Transactional
public class HoldStore {

    /** Longest segment: bounds the index range scan of overlap queries. */
    private static final long LONGEST_SEGMENT_SECS = 2 * 3600;
    private static final String COVERED = """
            EXISTS (SELECT 1 FROM legal_hold h WHERE h.camera_id = s.camera_id AND (h.segment_id = s.id
                    OR (h.segment_id IS NULL AND (h.stream_id IS NULL OR h.stream_id = s.stream_id)
                        AND h.start_time < s.end_time AND h.end_time > s.start_time)))""";

    @Resource(lookup = "jdbc/keyframe")
    DataSource dataSource;

    /** A hold with the number of segments it covers now. */
    public record Hold(long id, String cameraId, String streamId, Long segmentId, Instant from, Instant to,
                       String reason, String createdBy, Instant createdAt, long segments) {
    }

    /** Holds segment {@code id}; 404 when there is no such segment. */
    public Hold holdSegment(long id, String reason, String actor) {
        try (Connection c = dataSource.getConnection()) {
            long holdId;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO legal_hold (camera_id, stream_id, segment_id, start_time, end_time, reason, created_by)
                    SELECT camera_id, stream_id, id, start_time, GREATEST(end_time, start_time + interval '1 millisecond'), ?, ?
                      FROM segment WHERE id = ? AND state = 'ready' RETURNING id""")) {
                s.setString(1, reason);
                s.setString(2, actor);
                s.setLong(3, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw ApiException.notFound("no segment " + id);
                    }
                    holdId = r.getLong(1);
                }
            }
            update(c, "UPDATE segment SET legal_hold = TRUE WHERE id = ?", id);
            return find(c, holdId).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hold segment " + id + ": " + e.getMessage(), e);
        }
    }

    /** Releases every hold placed on segment {@code id} alone; false when there was none. */
    public boolean releaseSegment(long id) {
        try (Connection c = dataSource.getConnection()) {
            int removed = update(c, "DELETE FROM legal_hold WHERE segment_id = ?", id);
            if (removed == 0) {
                return false;
            }
            update(c, "UPDATE segment s SET legal_hold = " + COVERED + " WHERE s.id = ?", id);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release segment " + id + ": " + e.getMessage(), e);
        }
    }

    /** Holds a camera's (stream's) footage in {@code [from, to)}, including footage recorded into it later. */
    public Hold holdRange(String cameraId, String streamId, Instant from, Instant to, String reason, String actor) {
        try (Connection c = dataSource.getConnection()) {
            long holdId;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO legal_hold (camera_id, stream_id, start_time, end_time, reason, created_by)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")) {
                s.setString(1, cameraId);
                s.setString(2, streamId);
                s.setTimestamp(3, Timestamp.from(from));
                s.setTimestamp(4, Timestamp.from(to));
                s.setString(5, reason);
                s.setString(6, actor);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    holdId = r.getLong(1);
                }
            }
            recompute(c, cameraId, from, to, COVERED);
            return find(c, holdId).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot place the hold: " + e.getMessage(), e);
        }
    }

    /** Releases hold {@code id} (of either kind); false when there is none. */
    public boolean release(long id) {
        try (Connection c = dataSource.getConnection()) {
            Optional<Hold> hold = find(c, id);
            if (hold.isEmpty()) {
                return false;
            }
            update(c, "DELETE FROM legal_hold WHERE id = ?", id);
            Hold h = hold.get();
            if (h.segmentId() != null) {
                update(c, "UPDATE segment s SET legal_hold = " + COVERED + " WHERE s.id = ?", h.segmentId());
            } else {
                recompute(c, h.cameraId(), h.from(), h.to(), COVERED);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release hold " + id + ": " + e.getMessage(), e);
        }
    }

    /** Holds, newest first, of one camera or of all ({@code cameraId} null); at most 1000. */
    public List<Hold> list(String cameraId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(select(
                cameraId == null ? "" : "WHERE h.camera_id = ?") + " ORDER BY h.created_at DESC, h.id DESC LIMIT 1000")) {
            if (cameraId != null) {
                s.setString(1, cameraId);
            }
            return read(s);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list holds: " + e.getMessage(), e);
        }
    }

    /** Ids of the segments a hold covers now, oldest first, at most {@code limit}. */
    public List<Long> segmentsOf(long holdId, int limit) {
        String sql = """
                SELECT s.id FROM legal_hold h JOIN segment s ON s.camera_id = h.camera_id
                 WHERE h.id = ? AND (s.id = h.segment_id OR (h.segment_id IS NULL
                       AND (h.stream_id IS NULL OR h.stream_id = s.stream_id)
                       AND s.start_time < h.end_time AND s.end_time > h.start_time))
                 ORDER BY s.start_time, s.id LIMIT ?""";
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, holdId);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the segments of hold " + holdId + ": " + e.getMessage(), e);
        }
    }

    private static void recompute(Connection c, String cameraId, Instant from, Instant to, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE segment s SET legal_hold = " + value
                + " WHERE s.camera_id = ? AND s.start_time < ? AND s.start_time >= ? AND s.end_time > ?")) {
            s.setString(1, cameraId);
            s.setTimestamp(2, Timestamp.from(to));
            s.setTimestamp(3, Timestamp.from(from.minusSeconds(LONGEST_SEGMENT_SECS)));
            s.setTimestamp(4, Timestamp.from(from));
            s.executeUpdate();
        }
    }

    private static String select(String where) {
        return """
                SELECT h.id, h.camera_id, h.stream_id, h.segment_id, h.start_time, h.end_time, h.reason, h.created_by,
                       h.created_at,
                       (SELECT count(*) FROM segment s WHERE s.camera_id = h.camera_id AND (s.id = h.segment_id
                            OR (h.segment_id IS NULL AND (h.stream_id IS NULL OR h.stream_id = s.stream_id)
                                AND s.start_time < h.end_time AND s.start_time >= h.start_time - interval '2 hours'
                                AND s.end_time > h.start_time)))
                  FROM legal_hold h\s""" + where;
    }

    private static Optional<Hold> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(select("WHERE h.id = ?"))) {
            s.setLong(1, id);
            return read(s).stream().findFirst();
        }
    }

    private static List<Hold> read(PreparedStatement s) throws SQLException {
        List<Hold> holds = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long segment = r.getLong(4);
                Long segmentId = r.wasNull() ? null : segment;
                holds.add(new Hold(r.getLong(1), r.getString(2), r.getString(3), segmentId,
                        r.getTimestamp(5).toInstant(), r.getTimestamp(6).toInstant(), r.getString(7), r.getString(8),
                        r.getTimestamp(9).toInstant(), r.getLong(10)));
            }
        }
        return holds;
    }

    private static int update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            return s.executeUpdate();
        }
    }
}
