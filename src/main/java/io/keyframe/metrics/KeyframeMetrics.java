package io.keyframe.metrics;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.recording.control.SessionState;
import io.keyframe.recording.control.SessionStatus;
import io.keyframe.recording.control.StreamManager;
import io.keyframe.recording.control.StreamStateChanged;
import io.keyframe.segment.control.CatalogMetrics;
import io.keyframe.segment.control.SegmentCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Keyframe's Prometheus metrics (mpMetrics, {@code /metrics?scope=application}): counters of
 * segments and bytes written and of cleanup deletions by reason, a timer of segment close-to-row
 * latency, and gauges per stream (state, reconnects, age of the last segment) and for the server
 * (disk usage ratio, rows waiting for the database). Names follow Prometheus conventions: the
 * exporter adds {@code _total} to counters and the unit ({@code _bytes}, {@code _seconds}).
 */
@ApplicationScoped
public class KeyframeMetrics implements CatalogMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    StreamManager manager;

    @Inject
    SegmentCatalog catalog;

    @Inject
    KeyframeSettings settings;

    @Inject
    Clock clock;

    private final Set<String> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean serverGauges;

    @Override
    public void rowWritten(String cameraId, String streamId, long bytes, Duration latency) {
        Tag[] tags = tags(cameraId, streamId);
        registry.counter(meta("keyframe_segments_written", "Segments written (one row each)", MetricUnits.NONE), tags).inc();
        registry.counter(meta("keyframe_segment_written", "Bytes of segments written", MetricUnits.BYTES), tags).inc(bytes);
        if (latency != null) {
            registry.timer(meta("keyframe_segment_row_latency", "From a segment's close to its row in the database",
                    MetricUnits.SECONDS), tags).update(latency);
        }
        stream(cameraId, streamId);
    }

    @Override
    public void deleted(String reason, int segments, long bytes) {
        Tag tag = new Tag("reason", reason);
        registry.counter(meta("keyframe_cleanup_deleted_segments", "Segments deleted by cleanup", MetricUnits.NONE), tag)
                .inc(segments);
        registry.counter(meta("keyframe_cleanup_freed", "Bytes freed by cleanup", MetricUnits.BYTES), tag).inc(bytes);
    }

    void onStateChange(@ObservesAsync StreamStateChanged change) {
        stream(change.cameraId(), change.streamId());
    }

    /** Registers the per-stream gauges once; they read the session's status when scraped. */
    private void stream(String cameraId, String streamId) {
        serverGauges();
        if (!streams.add(cameraId + "/" + streamId)) {
            return;
        }
        Tag[] tags = tags(cameraId, streamId);
        gauge("keyframe_stream_state", "Session state: 0 stopped, 1 connecting, 2 recording, 3 reconnecting, 4 failed",
                MetricUnits.NONE, cameraId, streamId, s -> s.state().ordinal(), tags);
        gauge("keyframe_stream_recording", "1 while the stream records", MetricUnits.NONE, cameraId, streamId,
                s -> s.state() == SessionState.RECORDING ? 1 : 0, tags);
        gauge("keyframe_stream_reconnects", "Reconnects since the session started", MetricUnits.NONE, cameraId, streamId,
                SessionStatus::reconnects, tags);
        gauge("keyframe_stream_last_segment_age", "Time since the stream's last segment closed", MetricUnits.SECONDS,
                cameraId, streamId, s -> s.lastSegmentAt() == null ? Double.NaN
                        : Duration.between(s.lastSegmentAt(), clock.instant()).toMillis() / 1000.0, tags);
    }

    private void gauge(String name, String help, String unit, String cameraId, String streamId,
                       ToDoubleFunction<SessionStatus> value, Tag... tags) {
        registry.gauge(meta(name, help, unit), this, self -> status(cameraId, streamId).map(value::applyAsDouble)
                .orElse(Double.NaN), tags);
    }

    private synchronized void serverGauges() {
        if (serverGauges) {
            return;
        }
        serverGauges = true;
        registry.gauge(meta("keyframe_disk_usage_ratio", "Used share of the recording root's filesystem", MetricUnits.NONE),
                this, KeyframeMetrics::diskUsage);
        registry.gauge(meta("keyframe_catalog_pending_rows", "Closed segments whose row waits for the database (outbox)",
                MetricUnits.NONE), catalog, SegmentCatalog::pendingRows);
    }

    private double diskUsage() {
        try {
            FileStore store = Files.getFileStore(settings.recordingRoot());
            return (double) (store.getTotalSpace() - store.getUnallocatedSpace()) / store.getTotalSpace();
        } catch (IOException | ArithmeticException e) {
            return Double.NaN;
        }
    }

    private Optional<SessionStatus> status(String cameraId, String streamId) {
        try {
            return manager.sessionStatus(CameraId.of(cameraId), StreamId.of(streamId));
        } catch (RuntimeException e) {
            return Optional.empty(); // camera or stream deleted meanwhile
        }
    }

    private static Tag[] tags(String cameraId, String streamId) {
        return new Tag[] {new Tag("camera", cameraId), new Tag("stream", streamId)};
    }

    private static Metadata meta(String name, String help, String unit) {
        return Metadata.builder().withName(name).withDescription(help).withUnit(unit).build();
    }
}
