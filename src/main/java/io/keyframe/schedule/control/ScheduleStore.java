package io.keyframe.schedule.control;

import io.keyframe.schedule.entity.Schedule;
import io.keyframe.schedule.entity.ScheduleException;
import io.keyframe.schedule.entity.WeeklyRange;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Schedules in PostgreSQL: the camera's {@code schedule_time_zone}, its {@code recording_schedule}
 * rows (weekly ranges) and its {@code recording_schedule_exception} rows.
 */
@ApplicationScoped
@Transactional
public class ScheduleStore {

    private static final Logger LOG = Logger.getLogger(ScheduleStore.class.getName());

    @Resource(lookup = "jdbc/keyframe")
    DataSource dataSource;

    @Inject
    Clock clock;

    /** A camera's schedule with the camera's recording mode ({@code continuous}, {@code scheduled}, …). */
    public record CameraSchedule(String cameraId, String recordingMode, Schedule schedule) {
    }

    /** The schedule of a camera; empty when there is no such camera. */
    public Optional<Schedule> schedule(String cameraId) {
        return find(cameraId).map(CameraSchedule::schedule);
    }

    /** The schedule of a camera with its recording mode; empty when there is no such camera. */
    public Optional<CameraSchedule> find(String cameraId) {
        try (Connection c = dataSource.getConnection()) {
            String mode;
            ZoneId zone;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT recording_mode, schedule_time_zone FROM camera WHERE camera_id = ?")) {
                s.setString(1, cameraId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    mode = r.getString(1);
                    zone = zone(cameraId, r.getString(2));
                }
            }
            return Optional.of(new CameraSchedule(cameraId, mode, new Schedule(zone, weekly(c, cameraId),
                    exceptions(c, cameraId))));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schedule of camera " + cameraId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces a camera's whole schedule in one transaction: time zone, weekly ranges and exceptions.
     *
     * @return false, changing nothing, when there is no such camera
     */
    public boolean replace(String cameraId, Schedule schedule) {
        try (Connection c = dataSource.getConnection()) {
            // the row lock also orders concurrent replacements of one camera's schedule
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE camera SET schedule_time_zone = ?, updated_at = ? WHERE camera_id = ?")) {
                s.setString(1, schedule.zone().getId());
                s.setTimestamp(2, Timestamp.from(clock.instant()));
                s.setString(3, cameraId);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            delete(c, "DELETE FROM recording_schedule WHERE camera_id = ?", cameraId);
            delete(c, "DELETE FROM recording_schedule_exception WHERE camera_id = ?", cameraId);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO recording_schedule (camera_id, day_of_week, start_minute, end_minute)
                    VALUES (?, ?, ?, ?)""")) {
                for (WeeklyRange range : schedule.weekly()) {
                    s.setString(1, cameraId);
                    s.setInt(2, range.day().getValue());
                    s.setInt(3, range.startMinute());
                    s.setInt(4, range.endMinute());
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO recording_schedule_exception (camera_id, day, recording, start_minute, end_minute, note)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                for (ScheduleException e : schedule.exceptions()) {
                    s.setString(1, cameraId);
                    s.setObject(2, e.day());
                    s.setBoolean(3, e.recording());
                    s.setObject(4, e.startMinute(), Types.INTEGER);
                    s.setObject(5, e.endMinute(), Types.INTEGER);
                    s.setString(6, e.note());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot replace the schedule of camera " + cameraId + ": " + e.getMessage(), e);
        }
    }

    private static ZoneId zone(String cameraId, String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            // only this store writes the column, and it writes validated zones
            LOG.warning("camera " + cameraId + " has the unknown schedule time zone '" + id + "'; using UTC");
            return ZoneId.of("UTC");
        }
    }

    private static List<WeeklyRange> weekly(Connection c, String cameraId) throws SQLException {
        List<WeeklyRange> ranges = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT day_of_week, start_minute, end_minute FROM recording_schedule
                 WHERE camera_id = ? ORDER BY day_of_week, start_minute""")) {
            s.setString(1, cameraId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ranges.add(new WeeklyRange(DayOfWeek.of(r.getInt(1)), r.getInt(2), r.getInt(3)));
                }
            }
        }
        return ranges;
    }

    private static List<ScheduleException> exceptions(Connection c, String cameraId) throws SQLException {
        List<ScheduleException> exceptions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT day, recording, start_minute, end_minute, note FROM recording_schedule_exception
                 WHERE camera_id = ? ORDER BY day, start_minute NULLS FIRST""")) {
            s.setString(1, cameraId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    exceptions.add(new ScheduleException(r.getObject(1, LocalDate.class), r.getBoolean(2),
                            nullableInt(r, 3), nullableInt(r, 4), r.getString(5)));
                }
            }
        }
        return exceptions;
    }

    private static Integer nullableInt(ResultSet r, int column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }

    private static void delete(Connection c, String sql, String cameraId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, cameraId);
            s.executeUpdate();
        }
    }
}
