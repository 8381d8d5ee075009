package io.keyframe.export.control;

import io.keyframe.export.entity.ExportRange;
import io.keyframe.export.entity.ExportSegment;
import io.keyframe.segment.entity.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads the segment rows that exports and renditions need (read only). */
@ApplicationScoped
@Transactional
public class ExportSegments {

    /** No segment is longer than this: bounds the index range scan (same bound as the catalog's). */
    static final Duration LONGEST_SEGMENT = Duration.ofHours(2);

    @PersistenceContext(unitName = "keyframe")
    EntityManager em;

    /** Ready segments of one stream overlapping the range, oldest first; uses the (camera_id, start_time) index. */
    public List<ExportSegment> overlapping(String cameraId, String streamId, ExportRange range) {
        return em.createQuery("SELECT s FROM Segment s WHERE s.cameraId = :camera AND s.streamId = :stream"
                        + " AND s.startTime < :to AND s.startTime >= :earliest AND s.endTime > :from"
                        + " AND s.state = 'ready' ORDER BY s.startTime, s.id", Segment.class)
                .setParameter("camera", cameraId).setParameter("stream", streamId)
                .setParameter("to", range.to()).setParameter("from", range.from())
                .setParameter("earliest", range.from().minus(LONGEST_SEGMENT))
                .getResultList().stream().map(ExportSegments::of).toList();
    }

    /** One ready segment by id. */
    public Optional<ExportSegment> byId(long id) {
        return em.createQuery("SELECT s FROM Segment s WHERE s.id = :id AND s.state = 'ready'", Segment.class)
                .setParameter("id", id).getResultStream().findFirst().map(ExportSegments::of);
    }

    private static ExportSegment of(Segment s) {
        return new ExportSegment(s.id(), s.startTime(), Duration.ofMillis(s.durationMs()), s.filePath(), s.videoCodec(),
                s.width() == null ? 0 : s.width(), s.height() == null ? 0 : s.height(), s.hasAudio());
    }
}
