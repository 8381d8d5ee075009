package io.keyframe.event.control;

import io.keyframe.event.entity.RecordingEvent;
import io.keyframe.recording.control.EventWindows;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Events in {@code recording_event}, and the footage they claim: when an event starts, the
 * segments already written in its pre-roll get its {@code event_type}; later segments get it at
 * insert (see {@code SegmentStore.insert}).
 */
@ApplicationScoped
@Transactional
public class EventStore implements EventWindows {

    /** Bounds the index range scan of overlap queries (no segment is longer). */
    private static final Duration LONGEST_SEGMENT = Duration.ofHours(2);
    private static final String COLUMNS = "id, camera_id, stream_id, event_type, source, start_time, end_time,"
            + " pre_roll_secs, post_roll_secs, origin";

    @Resource(lookup = "jdbc/keyframe")
    DataSource dataSource;

    /** The filter of {@code GET /events}. */
    public record Query(String cameraId, Instant from, Instant to, String eventType, Long afterId, int limit) {
    }

    /** An event as a trigger left it, and whether the trigger made it (or extended a running one). */
    public record Started(RecordingEvent event, boolean created) {
    }

    /**
     * In one transaction: extends the running event of that camera, stream scope and type, or
     * inserts a new one and gives the footage already written in its pre-roll its type.
     */
    public Started startOrExtend(String cameraId, String streamId, String eventType, String source, Instant now,
                                 Instant end, int preRollSecs, int postRollSecs, String origin) {
        Optional<RecordingEvent> running = running(cameraId, streamId, eventType, now);
        if (running.isPresent()) {
            RecordingEvent current = running.get();
            Instant newEnd = current.end() == null || end == null ? null : end.isAfter(current.end()) ? end : current.end();
            RecordingEvent extended = java.util.Objects.equals(newEnd, current.end()) ? current : setEnd(current.id(), newEnd);
            return new Started(extended, false);
        }
        RecordingEvent event = insert(cameraId, streamId, eventType, source, now, end, preRollSecs, postRollSecs, origin);
        claimSegments(event, now.plus(Duration.ofDays(1)));
        return new Started(event, true);
    }

    public RecordingEvent insert(String cameraId, String streamId, String eventType, String source, Instant start,
                                 Instant end, int preRollSecs, int postRollSecs, String origin) {
        String sql = "INSERT INTO recording_event (camera_id, stream_id, event_type, source, start_time, end_time,"
                + " pre_roll_secs, post_roll_secs, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, cameraId);
            s.setString(2, streamId);
            s.setString(3, eventType);
            s.setString(4, source);
            s.setTimestamp(5, Timestamp.from(start));
            if (end == null) {
                s.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                s.setTimestamp(6, Timestamp.from(end));
            }
            s.setInt(7, preRollSecs);
            s.setInt(8, postRollSecs);
            s.setString(9, origin);
            return read(s).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the event: " + e.getMessage(), e);
        }
    }

    /**
     * The running event of that camera, stream scope and type, locked for update, if any: a new
     * trigger of the same kind extends it instead of making another row.
     */
    public Optional<RecordingEvent> running(String cameraId, String streamId, String eventType, Instant now) {
        String sql = "SELECT " + COLUMNS + " FROM recording_event WHERE camera_id = ? AND stream_id IS NOT DISTINCT FROM ?"
                + " AND event_type = ? AND start_time <= ? AND (end_time IS NULL OR end_time > ?)"
                + " ORDER BY start_time DESC LIMIT 1 FOR UPDATE";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, cameraId);
            s.setString(2, streamId);
            s.setString(3, eventType);
            s.setTimestamp(4, Timestamp.from(now));
            s.setTimestamp(5, Timestamp.from(now));
            return read(s).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read events: " + e.getMessage(), e);
        }
    }

    /** Sets an event's end (null = open). */
    public RecordingEvent setEnd(long id, Instant end) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE recording_event SET end_time = ? WHERE id = ? RETURNING " + COLUMNS)) {
            if (end == null) {
                s.setNull(1, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                s.setTimestamp(1, Timestamp.from(end));
            }
            s.setLong(2, id);
            return read(s).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end event " + id + ": " + e.getMessage(), e);
        }
    }

    public Optional<RecordingEvent> find(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM recording_event WHERE id = ?")) {
            s.setLong(1, id);
            return read(s).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read event " + id + ": " + e.getMessage(), e);
        }
    }

    /** Gives the segments already written inside the event's window its event type. */
    public int claimSegments(RecordingEvent event, Instant until) {
        String sql = "UPDATE segment SET event_type = ? WHERE camera_id = ? AND (CAST(? AS varchar) IS NULL OR stream_id = ?)"
                + " AND start_time < ? AND start_time >= ? AND end_time > ? AND event_type = 'continuous' AND state = 'ready'";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, event.eventType());
            s.setString(2, event.cameraId());
            s.setString(3, event.streamId());
            s.setString(4, event.streamId());
            s.setTimestamp(5, Timestamp.from(until));
            s.setTimestamp(6, Timestamp.from(event.keepFrom().minus(LONGEST_SEGMENT)));
            s.setTimestamp(7, Timestamp.from(event.keepFrom()));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim footage for event " + event.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean covers(String cameraId, String streamId, Instant now) {
        String sql = "SELECT EXISTS (SELECT 1 FROM recording_event WHERE camera_id = ? AND (stream_id IS NULL OR stream_id = ?)"
                + " AND start_time - make_interval(secs => pre_roll_secs) <= ?"
                + " AND (end_time IS NULL OR end_time + make_interval(secs => post_roll_secs) > ?)"
                + " AND start_time > ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, cameraId);
            s.setString(2, streamId);
            s.setTimestamp(3, Timestamp.from(now));
            s.setTimestamp(4, Timestamp.from(now));
            // an event is at most a day (open ones are ended by their trigger); bounds the scan
            s.setTimestamp(5, Timestamp.from(now.minus(Duration.ofDays(30))));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read event windows: " + e.getMessage(), e);
        }
    }

    /** Events overlapping {@code [from, to)}, newest first, after {@code afterId} (keyset on id). */
    public List<RecordingEvent> list(Query q) {
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM recording_event WHERE ").append(where(q, values));
        if (q.afterId() != null) {
            sql.append(" AND id < ?");
            values.add(q.afterId());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        values.add(q.limit());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, values);
            return read(s);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list events: " + e.getMessage(), e);
        }
    }

    /** How many events {@link #list} finds for the filter of {@code q} (its cursor and limit aside). */
    public long count(Query q) {
        List<Object> values = new ArrayList<>();
        String sql = "SELECT count(*) FROM recording_event WHERE " + where(q, values);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, values);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count events: " + e.getMessage(), e);
        }
    }

    private static String where(Query q, List<Object> values) {
        StringBuilder sql = new StringBuilder("start_time < ? AND (end_time IS NULL OR end_time > ?)");
        values.add(Timestamp.from(q.to()));
        values.add(Timestamp.from(q.from()));
        if (q.cameraId() != null) {
            sql.append(" AND camera_id = ?");
            values.add(q.cameraId());
        }
        if (q.eventType() != null) {
            sql.append(" AND event_type = ?");
            values.add(q.eventType());
        }
        return sql.toString();
    }

    private static void bind(PreparedStatement s, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            s.setObject(i + 1, values.get(i));
        }
    }

    private static List<RecordingEvent> read(PreparedStatement s) throws SQLException {
        List<RecordingEvent> events = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Timestamp end = r.getTimestamp(7);
                events.add(new RecordingEvent(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getTimestamp(6).toInstant(), end == null ? null : end.toInstant(),
                        Duration.ofSeconds(r.getInt(8)), Duration.ofSeconds(r.getInt(9)), r.getString(10)));
            }
        }
        return events;
    }
}
