package io.keyframe.segment.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The database steps of the deletion protocol, each one transaction, in plain JDBC with batches
 * (a run may delete a hundred thousand rows): mark rows {@code deleting} with reason and actor;
 * then delete the rows and write their audit entries together.
 */
@ApplicationScoped
@Transactional
public class DeletionStore {

    private static final String COLUMNS = "id, camera_id, stream_id, file_path, size_bytes, start_time, end_time, delete_reason, delete_actor";

    @Resource(lookup = "jdbc/keyframe")
    DataSource dataSource;

    /** A row marked {@code deleting}, with what its audit entry needs. */
    public record Marked(long id, String cameraId, String streamId, String filePath, long sizeBytes,
                         java.time.Instant start, java.time.Instant end, String reason, String actor) {
    }

    /**
     * Marks the ready, unheld rows among {@code ids} as {@code deleting}; held rows (a hold placed
     * after the plan was made) and rows already gone are left out of the answer.
     */
    public List<Marked> mark(List<Long> ids, String reason, String actor) {
        String sql = "WITH m AS (UPDATE segment SET state = 'deleting', delete_reason = ?, delete_actor = ?"
                + " WHERE id = ANY (?) AND state = 'ready' AND NOT legal_hold RETURNING " + COLUMNS + ")"
                + " SELECT " + COLUMNS + " FROM m ORDER BY start_time, id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, reason);
            s.setString(2, actor);
            Array array = c.createArrayOf("bigint", ids.toArray());
            s.setArray(3, array);
            return read(s);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark segments for deletion: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} rows left {@code deleting} by an interrupted run, oldest first. */
    public List<Marked> interrupted(int limit) {
        String sql = "SELECT " + COLUMNS + " FROM segment WHERE state = 'deleting' ORDER BY id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, limit);
            return read(s);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read interrupted deletions: " + e.getMessage(), e);
        }
    }

    /** Puts rows whose file could not be deleted back to {@code ready}. */
    public void unmark(List<Long> ids) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE segment SET state = 'ready', delete_reason = NULL, delete_actor = NULL WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot unmark segments: " + e.getMessage(), e);
        }
    }

    /** Deletes the rows and writes one audit entry per row, in one transaction. */
    public void finish(List<Marked> rows, String detail) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM segment WHERE id = ANY (?) AND state = 'deleting' RETURNING id");
             PreparedStatement audit = c.prepareStatement("""
                     INSERT INTO cleanup_audit (camera_id, stream_id, segment_id, file_path, size_bytes, reason, actor,
                                                detail, segment_start, segment_end)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            delete.setArray(1, c.createArrayOf("bigint", rows.stream().map(Marked::id).toArray()));
            java.util.Set<Long> deleted = new java.util.HashSet<>();
            try (ResultSet r = delete.executeQuery()) {
                while (r.next()) {
                    deleted.add(r.getLong(1));
                }
            }
            for (Marked row : rows) {
                if (!deleted.contains(row.id())) {
                    continue; // finished by someone else meanwhile: audited there
                }
                audit.setString(1, row.cameraId());
                audit.setString(2, row.streamId());
                audit.setLong(3, row.id());
                audit.setString(4, row.filePath());
                audit.setLong(5, row.sizeBytes());
                audit.setString(6, row.reason() == null ? "unknown" : row.reason());
                audit.setString(7, row.actor() == null ? "unknown" : row.actor());
                audit.setString(8, detail);
                audit.setTimestamp(9, Timestamp.from(row.start()));
                audit.setTimestamp(10, Timestamp.from(row.end()));
                audit.addBatch();
            }
            audit.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot finish the deletion of " + rows.size() + " segments: " + e.getMessage(), e);
        }
    }

    private static List<Marked> read(PreparedStatement statement) throws SQLException {
        List<Marked> rows = new ArrayList<>();
        try (ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                rows.add(new Marked(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                        r.getTimestamp(6).toInstant(), r.getTimestamp(7).toInstant(), r.getString(8), r.getString(9)));
            }
        }
        return rows;
    }
}
