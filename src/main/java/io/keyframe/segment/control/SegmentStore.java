package io.keyframe.segment.control;

import io.keyframe.segment.entity.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Segment rows and the cleanup audit in PostgreSQL. */
@ApplicationScoped
@Transactional
public class SegmentStore {

    /** No segment is longer than this: bounds the index range scan of overlap queries. */
    static final Duration LONGEST_SEGMENT = SegmentListQuery.LONGEST_SEGMENT;

    @PersistenceContext(unitName = "keyframe")
    EntityManager em;

    /**
     * Inserts the row unless one exists for that file already (idempotent, so retries are safe).
     * Footage inside an event's window gets that event's type (the latest event's), footage recorded
     * while the start route's override is on gets {@code manual}, and footage in
     * a range under legal hold is held.
     */
    public boolean insert(SegmentRecord r) {
        int inserted = em.createNativeQuery("""
                INSERT INTO segment (camera_id, stream_id, start_time, end_time, duration_ms, file_path, size_bytes,
                                     event_type, video_codec, width, height, has_audio, legal_hold)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                        COALESCE((SELECT e.event_type FROM recording_event e WHERE e.camera_id = ?17
                                     AND (e.stream_id IS NULL OR e.stream_id = ?18)
                                     AND e.start_time - make_interval(secs => e.pre_roll_secs) < ?19
                                     AND (e.end_time IS NULL OR e.end_time + make_interval(secs => e.post_roll_secs) > ?20)
                                     AND e.start_time > ?21
                                   ORDER BY e.start_time DESC LIMIT 1),
                                 (SELECT 'manual' FROM stream st WHERE st.camera_id = ?22 AND st.stream_id = ?23
                                     AND st.manual_override = 'on'), ?8),
                        CAST(?9 AS varchar), ?10, ?11, ?12,
                        EXISTS (SELECT 1 FROM legal_hold h WHERE h.segment_id IS NULL AND h.camera_id = ?13
                                   AND (h.stream_id IS NULL OR h.stream_id = ?14) AND h.start_time < ?15 AND h.end_time > ?16))
                ON CONFLICT (file_path) DO NOTHING""")
                .setParameter(1, r.cameraId()).setParameter(2, r.streamId())
                .setParameter(3, Timestamp.from(r.startTime())).setParameter(4, Timestamp.from(r.endTime()))
                .setParameter(5, r.durationMs()).setParameter(6, r.filePath()).setParameter(7, r.sizeBytes())
                .setParameter(8, r.eventType()).setParameter(9, r.videoCodec())
                .setParameter(10, r.width()).setParameter(11, r.height()).setParameter(12, r.hasAudio())
                // a range under legal hold holds footage recorded into it later, too
                .setParameter(13, r.cameraId()).setParameter(14, r.streamId())
                .setParameter(15, Timestamp.from(r.endTime())).setParameter(16, Timestamp.from(r.startTime()))
                .setParameter(17, r.cameraId()).setParameter(18, r.streamId())
                .setParameter(19, Timestamp.from(r.endTime())).setParameter(20, Timestamp.from(r.startTime()))
                .setParameter(21, Timestamp.from(r.startTime().minus(Duration.ofDays(30))))
                .setParameter(22, r.cameraId()).setParameter(23, r.streamId())
                .executeUpdate();
        return inserted == 1;
    }

    /** Segments overlapping {@code [from, to)}, oldest first; uses the (camera_id, start_time) index. */
    public List<Segment> list(String cameraId, Instant from, Instant to, String streamId, String eventType, int limit) {
        return list(new SegmentListQuery(cameraId, from, to, streamId, eventType, null, limit));
    }

    /** One page of the catalog (see {@link SegmentListQuery}). */
    @SuppressWarnings("unchecked")
    public List<Segment> list(SegmentListQuery query) {
        jakarta.persistence.Query native_ = em.createNativeQuery(query.sql(), Segment.class);
        List<Object> values = query.parameters();
        for (int i = 0; i < values.size(); i++) {
            native_.setParameter(i + 1, values.get(i));
        }
        return native_.getResultList();
    }

    /** The time spans of one stream's segments overlapping {@code [from, to)}, oldest first. */
    public List<Timeline.Span> spans(String cameraId, String streamId, Instant from, Instant to) {
        List<Object[]> rows = em.createQuery("SELECT s.startTime, s.endTime FROM Segment s WHERE s.cameraId = :camera"
                        + " AND s.streamId = :stream AND s.startTime < :to AND s.startTime >= :earliest AND s.endTime > :from"
                        + " AND s.state = 'ready' ORDER BY s.startTime", Object[].class)
                .setParameter("camera", cameraId).setParameter("stream", streamId).setParameter("to", to)
                .setParameter("from", from).setParameter("earliest", from.minus(LONGEST_SEGMENT)).getResultList();
        return rows.stream().map(r -> new Timeline.Span((Instant) r[0], (Instant) r[1])).toList();
    }

    /** Audited deletions of one stream's footage whose segment times overlap {@code [from, to)}. */
    public List<Timeline.Deletion> deletions(String cameraId, String streamId, Instant from, Instant to) {
        List<?> rows = em.createNativeQuery("""
                SELECT segment_start, segment_end, reason FROM cleanup_audit
                 WHERE camera_id = ?1 AND (stream_id = ?2 OR stream_id IS NULL) AND segment_start IS NOT NULL
                   AND segment_end IS NOT NULL AND segment_start < ?4 AND segment_end > ?3
                 ORDER BY segment_start LIMIT 10000""")
                .setParameter(1, cameraId).setParameter(2, streamId).setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to)).getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Timeline.Deletion(
                new Timeline.Span(instant(r[0]), instant(r[1])), (String) r[2])).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }

    /** The camera of a segment in any state (the primary key lookup of the footage access check). */
    public java.util.Optional<String> cameraOf(long id) {
        return em.createQuery("SELECT s.cameraId FROM Segment s WHERE s.id = :id", String.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    /** A ready segment by id (rows being deleted are not served). */
    public java.util.Optional<Segment> find(long id) {
        return em.createQuery("SELECT s FROM Segment s WHERE s.id = :id AND s.state = 'ready'", Segment.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    /**
     * The newest ready segment of a camera's stream (of any of its streams when {@code streamId}
     * is null), by start time: the dashboard's latest picture. Reads the (camera_id, start_time)
     * index backwards.
     */
    public java.util.Optional<Segment> newest(String cameraId, String streamId) {
        var query = em.createQuery("SELECT s FROM Segment s WHERE s.cameraId = :camera"
                        + (streamId == null ? "" : " AND s.streamId = :stream")
                        + " AND s.state = 'ready' ORDER BY s.startTime DESC, s.id DESC", Segment.class)
                .setParameter("camera", cameraId);
        if (streamId != null) {
            query.setParameter("stream", streamId);
        }
        return query.setMaxResults(1).getResultStream().findFirst();
    }

    /** Which of {@code ids} are ready segments. */
    public Set<Long> readyIds(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("SELECT s.id FROM Segment s WHERE s.id IN :ids AND s.state = 'ready'", Long.class)
                .setParameter("ids", ids).getResultList());
    }

    public Set<String> filePaths(String cameraId) {
        return new HashSet<>(em.createQuery("SELECT s.filePath FROM Segment s WHERE s.cameraId = :camera", String.class)
                .setParameter("camera", cameraId).getResultList());
    }

    /**
     * Ready rows after {@code afterId} as (id, camera, stream, path, size), at most {@code limit},
     * by id: reconciliation reads the catalog in pages, never all of it at once (rows being
     * deleted are the deleter's).
     */
    public List<Object[]> files(long afterId, int limit) {
        return em.createQuery("SELECT s.id, s.cameraId, s.streamId, s.filePath, s.sizeBytes FROM Segment s"
                        + " WHERE s.state = 'ready' AND s.id > :after ORDER BY s.id", Object[].class)
                .setParameter("after", afterId).setMaxResults(limit).getResultList();
    }

    public void deleteRow(long id) {
        em.createNativeQuery("DELETE FROM segment WHERE id = ?1").setParameter(1, id).executeUpdate();
    }

    /** The primary stream id of a camera, if the camera is still configured. */
    public String primaryStreamId(String cameraId) {
        List<?> rows = em.createNativeQuery("SELECT stream_id FROM stream WHERE camera_id = ?1 AND is_primary")
                .setParameter(1, cameraId).getResultList();
        return rows.isEmpty() ? "main" : rows.get(0).toString();
    }

    public void audit(String cameraId, String streamId, Long segmentId, String filePath, Long sizeBytes,
                      String reason, String actor, String detail) {
        em.createNativeQuery("""
                INSERT INTO cleanup_audit (camera_id, stream_id, segment_id, file_path, size_bytes, reason, actor, detail)
                VALUES (?1, CAST(?2 AS varchar), CAST(?3 AS bigint), CAST(?4 AS text), CAST(?5 AS bigint), ?6, ?7,
                        CAST(?8 AS text))""")
                .setParameter(1, cameraId).setParameter(2, streamId).setParameter(3, segmentId)
                .setParameter(4, filePath).setParameter(5, sizeBytes).setParameter(6, reason)
                .setParameter(7, actor).setParameter(8, detail).executeUpdate();
    }
}
