package io.keyframe.retention.control;

import io.keyframe.retention.control.StorageReport.Footage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Read-only totals of the segment catalog and pages of the cleanup audit, in PostgreSQL. */
@ApplicationScoped
@Transactional
public class StorageQueries {

    @PersistenceContext(unitName = "keyframe")
    EntityManager em;

    /**
     * Ready segments per camera, by camera id, in one pass over the table; {@code recentBytes}
     * counts the segments that started in {@code (since, now]}.
     */
    public List<Footage> footageByCamera(Instant since, Instant now) {
        List<?> rows = em.createNativeQuery("""
                SELECT camera_id, sum(size_bytes), count(*), min(start_time), max(end_time),
                       coalesce(sum(size_bytes) FILTER (WHERE start_time > ?1 AND start_time <= ?2), 0)
                  FROM segment WHERE state = 'ready' GROUP BY camera_id ORDER BY camera_id""")
                .setParameter(1, Timestamp.from(since)).setParameter(2, Timestamp.from(now)).getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Footage((String) r[0], number(r[1]), number(r[2]),
                instant(r[3]), instant(r[4]), number(r[5]))).toList();
    }

    /** One page of the audit (see {@link CleanupAudit.Query}). */
    public List<CleanupAudit.Entry> audit(CleanupAudit.Query query) {
        jakarta.persistence.Query native_ = em.createNativeQuery(query.sql());
        List<Object> values = query.parameters();
        for (int i = 0; i < values.size(); i++) {
            native_.setParameter(i + 1, values.get(i));
        }
        List<?> rows = native_.getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new CleanupAudit.Entry(number(r[0]), instant(r[1]),
                (String) r[2], (String) r[3], nullableNumber(r[4]), (String) r[5], nullableNumber(r[6]),
                (String) r[7], (String) r[8], (String) r[9], instant(r[10]), instant(r[11]))).toList();
    }

    /** How many entries match the query's filters, counting at most {@code cap}. */
    public long auditCount(CleanupAudit.Query query, int cap) {
        jakarta.persistence.Query native_ = em.createNativeQuery(query.countSql());
        List<Object> values = query.countParameters(cap);
        for (int i = 0; i < values.size(); i++) {
            native_.setParameter(i + 1, values.get(i));
        }
        return number(native_.getSingleResult());
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Long nullableNumber(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
