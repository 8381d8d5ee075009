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
import io.keyframe.recording.control.StartupRecovered;
import io.keyframe.recording.control.StreamStats;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
    /** Last packet totals per stream, to turn pipeline totals (which restart with each pipeline) into counters. */
    private final Map<String, long[]> lastPackets = new ConcurrentHashMap<>();
    private final Map<String, StreamStats> lastStats = new ConcurrentHashMap<>();

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sampler;

    /** Samples every stream's pipeline statistics every 10 s (each read costs about 2 ms of CPU). */
    void onStart(@Observes StartupRecovered recovered) {
        if (sampler == null) {
            sampler = scheduler.scheduleWithFixedDelay(this::sample, 10, 10, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (sampler != null) {
            sampler.cancel(false);
        }
    }

    private void sample() {
        for (String key : streams) {
            try {
                String[] ids = key.split("/", 2);
                StreamStats stats = manager.streamStats(CameraId.of(ids[0]), StreamId.of(ids[1]));
                if (!stats.sampled()) {
                    continue;
                }
                lastStats.put(key, stats);
                long[] last = lastPackets.computeIfAbsent(key, k -> new long[2]);
                Tag[] tags = tags(ids[0], ids[1]);
                long received = stats.packetsReceived() >= last[0] ? stats.packetsReceived() - last[0] : stats.packetsReceived();
                long lost = stats.packetsLost() >= last[1] ? stats.packetsLost() - last[1] : stats.packetsLost();
                last[0] = stats.packetsReceived();
                last[1] = stats.packetsLost();
                registry.counter(meta("keyframe_stream_packets_received", "RTP packets received", MetricUnits.NONE), tags)
                        .inc(received);
                registry.counter(meta("keyframe_stream_packets_lost", "RTP packets lost (sequence gaps)", MetricUnits.NONE), tags)
                        .inc(lost);
            } catch (RuntimeException e) {
                // a stream removed meanwhile: nothing to sample
            }
        }
    }
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
        String key = cameraId + "/" + streamId;
        registry.gauge(meta("keyframe_stream_bitrate_bps", "Video bitrate after the parser, bits per second", MetricUnits.NONE),
                this, self -> self.lastStats.getOrDefault(key, StreamStats.EMPTY).bitrateBps(), tags);
        registry.gauge(meta("keyframe_stream_fps", "Frames per second reaching the muxer", MetricUnits.NONE),
                this, self -> self.lastStats.getOrDefault(key, StreamStats.EMPTY).fps(), tags);
        registry.gauge(meta("keyframe_stream_drop_ratio", "Share of RTP packets lost over the last minute", MetricUnits.NONE),
                this, self -> self.lastStats.getOrDefault(key, StreamStats.EMPTY).dropRateLastMinute(), tags);
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
