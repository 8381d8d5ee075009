package io.keyframe.recording.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code stream_state_log} table: written by {@link StateLogWriter}, read by the timeline. */
@ApplicationScoped
@Transactional
public class StateLogStore {

    /** More changes than this in one query window are not read (a flapping camera over weeks). */
    static final int MAX_CHANGES = 20_000;

    @PersistenceContext(unitName = "keyframe")
    EntityManager em;

    public void insert(String cameraId, String streamId, StateChange change) {
        em.createNativeQuery("""
                INSERT INTO stream_state_log (camera_id, stream_id, at, from_state, to_state, reason)
                VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS text))""")
                .setParameter(1, cameraId).setParameter(2, streamId).setParameter(3, Timestamp.from(change.at()))
                .setParameter(4, change.from().name()).setParameter(5, change.to().name())
                .setParameter(6, change.reason()).executeUpdate();
    }

    /**
     * The last change at or before {@code since} (the state the stream was in), then every change
     * after it and before {@code until}, oldest first. Uses the (camera_id, at) index.
     */
    public List<StateChange> changes(String cameraId, String streamId, Instant since, Instant until) {
        List<?> rows = em.createNativeQuery("""
                (SELECT at, from_state, to_state, reason FROM stream_state_log
                  WHERE camera_id = ?1 AND stream_id = ?2 AND at <= ?3 ORDER BY at DESC, id DESC LIMIT 1)
                UNION ALL
                (SELECT at, from_state, to_state, reason FROM stream_state_log
                  WHERE camera_id = ?1 AND stream_id = ?2 AND at > ?3 AND at < ?4 ORDER BY at, id LIMIT ?5)
                ORDER BY 1""")
                .setParameter(1, cameraId).setParameter(2, streamId).setParameter(3, Timestamp.from(since))
                .setParameter(4, Timestamp.from(until)).setParameter(5, MAX_CHANGES).getResultList();
        List<StateChange> changes = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            changes.add(new StateChange(instant(columns[0]), SessionState.valueOf((String) columns[1]),
                    SessionState.valueOf((String) columns[2]), (String) columns[3]));
        }
        return changes;
    }

    static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected time value " + value.getClass());
    }
}
