package io.keyframe.gstreamer;

import io.keyframe.recording.control.Recorder;
import io.keyframe.recording.control.RecorderFactory;
import io.keyframe.recording.control.RecorderListener;
import io.keyframe.recording.control.RecordingTarget;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The real {@link RecorderFactory}: GStreamer recorders. Initialises GStreamer lazily on the first
 * {@link #create}; at application shutdown stops every recorder still alive (finalising its last
 * file) and then ends gst1-java-core's service thread, so that a redeploy leaks nothing.
 * {@code Gst.deinit()} is never called (FACTS.md: a redeployed application would find no elements).
 */
@ApplicationScoped
public class GstRecorderFactory implements RecorderFactory {

    /** rtspsrc jitter buffer latency: enough to reorder packets on a LAN, small enough to keep little in memory. */
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(500);
    /** How long each recorder may take to finalise its file at shutdown. */
    public static final Duration SHUTDOWN_STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration EXECUTOR_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    private static final int SHUTDOWN_PARALLELISM = 8;
    private static final Logger LOG = Logger.getLogger(GstRecorderFactory.class.getName());

    private final Set<GstRecorder> live = ConcurrentHashMap.newKeySet();
    private Clock clock;
    private Duration latency;
    private volatile boolean shutDown;

    /** For CDI's client proxy only. */
    protected GstRecorderFactory() {
    }

    /** The CDI constructor: {@link #DEFAULT_LATENCY}. */
    @Inject
    public GstRecorderFactory(Clock clock) {
        this(clock, DEFAULT_LATENCY);
    }

    /** A factory with the given wall clock (for file names) and rtspsrc latency. */
    public GstRecorderFactory(Clock clock, Duration latency) {
        // withZone(same zone) returns the clock object behind a CDI client proxy: GStreamer's
        // streaming threads, which name the files, then call a plain Clock, not the container
        this.clock = Objects.requireNonNull(clock, "clock").withZone(clock.getZone());
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    /**
     * A new, not yet started recorder.
     *
     * @throws IllegalStateException after {@link #shutdown()}
     */
    @Override
    public Recorder create(RecordingTarget target, RecorderListener listener) {
        if (shutDown) {
            throw new IllegalStateException("GStreamer recording is shut down");
        }
        GstRuntime.ensureInitialized();
        GstRecorder recorder = new GstRecorder(target, listener, clock, latency, live::remove);
        live.add(recorder);
        return recorder;
    }

    /** How many recorders are created and not yet stopped or aborted. */
    public int liveRecorders() {
        return live.size();
    }

    /**
     * Stops every live recorder, several at a time, each within {@code timeout}; returns when all
     * are released (or after {@code timeout} plus a grace period).
     */
    public void stopAll(Duration timeout) {
        List<GstRecorder> recorders = List.copyOf(live);
        if (recorders.isEmpty()) {
            return;
        }
        LOG.info(() -> "stopping " + recorders.size() + " recorders");
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(SHUTDOWN_PARALLELISM, recorders.size()), work -> {
            Thread thread = new Thread(work, "keyframe-recorder-shutdown-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            recorders.forEach(recorder -> pool.execute(() -> recorder.stop(timeout)));
            pool.shutdown();
            if (!pool.awaitTermination(timeout.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "recorders still stopping after " + timeout.plusSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Application shutdown: stop the recorders, then the GStreamer service thread. */
    @PreDestroy
    public void shutdown() {
        shutDown = true;
        stopAll(SHUTDOWN_STOP_TIMEOUT);
        GstRuntime.shutdownExecutor(EXECUTOR_SHUTDOWN_TIMEOUT);
        LOG.info("GStreamer recording shut down");
    }
}
