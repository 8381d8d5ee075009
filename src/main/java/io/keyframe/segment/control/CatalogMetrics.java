package io.keyframe.segment.control;

import java.time.Duration;

/** What the segment catalog and the deleter report for metrics; a no-op in unit tests. */
public interface CatalogMetrics {

    /** A segment row was written; {@code latency} from the file's close to its row, or null after a retry. */
    void rowWritten(String cameraId, String streamId, long bytes, Duration latency);

    /** Segments were deleted for {@code reason}. */
    void deleted(String reason, int segments, long bytes);
}
