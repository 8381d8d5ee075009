package io.keyframe.gstreamer;

import io.keyframe.recording.control.Recorder;
import io.keyframe.recording.control.RecorderListener;
import io.keyframe.recording.control.RecordingTarget;
import io.keyframe.recording.control.StreamStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.freedesktop.gstreamer.StateChangeReturn;

/**
 * Records one RTSP stream with GStreamer: an RTSP DESCRIBE tells the codecs, then
 * {@code rtspsrc ! depay ! parse ! splitmuxsink(mp4mux)} writes the files. Created by
 * {@link GstRecorderFactory}.
 *
 * <p>{@link #start()} probes the camera on the calling thread (up to {@link RtspDescribe#DEFAULT_TIMEOUT}
 * per request); a failure is reported through {@link RecorderListener#error}, not thrown.
 * {@link #stop(Duration)} and {@link #abort()} may be called from any thread, more than once.
 * Called from inside a listener callback (the GStreamer service thread, where blocking would
 * deadlock), they (and {@link #start()}) do their work on a helper thread and return at once; the
 * final {@code fragmentClosed} of such a stop then arrives after the call returned.
 *
 * <p>Without an EOS within the stop timeout (camera gone, pipeline failed), the last file gets no
 * {@code fragmentClosed}: it stays playable up to its last moov update (robust muxing), for the
 * reconciliation to pick up. A file whose name was reserved just before an abort may stay empty.
 */
public final class GstRecorder implements Recorder {

    private static final Logger LOG = Logger.getLogger(GstRecorder.class.getName());
    private static final Duration RELEASE_GRACE = Duration.ofSeconds(5);
    /** {@link #stats()} reads the pipeline at most this often and returns the cached snapshot in between. */
    static final Duration STATS_MIN_INTERVAL = Duration.ofSeconds(2);
    /** Span of the drop rate and keyframe interval of {@link StreamStats}. */
    static final Duration STATS_WINDOW = Duration.ofMinutes(1);

    private enum Phase { NEW, STARTING, RUNNING, STOPPING, RELEASED }

    private final RecordingTarget target;
    private final RecorderListener listener;
    private final Clock clock;
    private final Duration latency;
    private final Consumer<GstRecorder> onReleased;
    private final String logIds;
    private final EventGate gate;
    private final CredentialMask mask;
    private final CountDownLatch releasedLatch = new CountDownLatch(1);
    private final Object lock = new Object();
    private Phase phase = Phase.NEW;
    private volatile RtspDescribe probe;
    private RecordingPipeline pipeline;
    private final FragmentLedger ledger = new FragmentLedger();
    private final Object statsLock = new Object();
    private final StatsRing statsRing = new StatsRing(STATS_WINDOW); // guarded by statsLock
    private StreamStats lastStats = StreamStats.EMPTY; // guarded by statsLock
    private Instant lastStatsRead; // guarded by statsLock

    GstRecorder(RecordingTarget target, RecorderListener listener, Clock clock, Duration latency,
                Consumer<GstRecorder> onReleased) {
        this.target = Objects.requireNonNull(target, "target");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.latency = Objects.requireNonNull(latency, "latency");
        this.onReleased = Objects.requireNonNull(onReleased, "onReleased");
        this.logIds = "camera=" + target.cameraId() + " stream=" + target.streamId();
        this.gate = new EventGate(logIds);
        this.mask = new CredentialMask(target.password());
    }

    @Override
    public void start() {
        if (RecorderBusHandler.onBusCallbackThread()) {
            onHelperThread("start", this::start); // no probe, parse or state change on the shared bus thread
            return;
        }
        RtspDescribe describe;
        synchronized (lock) {
            if (phase != Phase.NEW) {
                throw new IllegalStateException("a recorder is started once; this one is " + phase);
            }
            phase = Phase.STARTING;
            describe = new RtspDescribe(target.url(), target.username(), target.password(), RtspDescribe.DEFAULT_TIMEOUT);
            probe = describe;
        }
        SdpMedia media;
        try {
            // the probe's connection stays open until the pipeline is connected (see RtspDescribe)
            media = Sdp.parse(describe.describe());
        } catch (StreamProbeException e) {
            fail("probe failed: " + e.getMessage(), null);
            return;
        }
        LOG.info(() -> "recording " + logIds + " url=" + RtspUrls.forLogs(target.url()) + " transport=" + target.transport()
                + " video=" + media.video() + " aac=" + media.aac() + " other_audio=" + media.otherAudio());
        try {
            launch(media);
        } catch (RuntimeException e) {
            fail("cannot start the pipeline: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    private void launch(SdpMedia media) {
        GstRuntime.ensureInitialized();
        String description = PipelineDescriptions.recording(target.url(), media, target.transport(),
                target.segmentDuration(), latency);
        FragmentNamer namer = new FragmentNamer(target.recordingRoot(), target.cameraId(), target.streamId(),
                target.primary(), clock, ledger);
        RecorderBusHandler handler = new RecorderBusHandler(listener, gate, ledger, media, mask, clock, logIds,
                this::closeProbe);
        RecordingPipeline built = RecordingPipeline.create(description,
                "rec-" + target.cameraId() + "-" + target.streamId(), target.username(), target.password(), namer, handler);
        synchronized (lock) {
            if (phase != Phase.STARTING) { // stopped or aborted while probing
                built.release();
                return;
            }
            pipeline = built;
            phase = Phase.RUNNING;
            if (built.play() == StateChangeReturn.FAILURE) {
                LOG.warning(() -> "pipeline refused PLAYING " + logIds + "; the bus reports why");
            }
        }
    }

    @Override
    public void stop(Duration timeout) {
        if (RecorderBusHandler.onBusCallbackThread()) {
            onHelperThread("stop", () -> stop(timeout));
            return;
        }
        RecordingPipeline running;
        synchronized (lock) {
            switch (phase) {
                case RUNNING -> {
                    phase = Phase.STOPPING;
                    running = pipeline;
                }
                case STOPPING, RELEASED -> {
                    running = null;
                }
                default -> { // NEW or STARTING: nothing recorded yet
                    releaseWithoutPipeline();
                    return;
                }
            }
        }
        if (running == null) {
            awaitReleased(timeout.plus(RELEASE_GRACE));
            return;
        }
        try {
            running.sendEndOfStream();
            if (!running.awaitEndOfStream(timeout)) {
                LOG.warning(() -> "no end of stream within " + timeout + " " + logIds + "; the last file keeps its last moov update");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            release(running);
        }
    }

    @Override
    public void abort() {
        gate.close();
        if (RecorderBusHandler.onBusCallbackThread()) {
            onHelperThread("abort", this::abort);
            return;
        }
        RecordingPipeline running;
        synchronized (lock) {
            if (phase == Phase.RELEASED) {
                return;
            }
            running = pipeline;
            if (running == null) {
                releaseWithoutPipeline();
                return;
            }
            phase = Phase.STOPPING;
        }
        release(running);
    }

    /**
     * Reads the pipeline's counters on the calling thread if the last read is at least
     * {@link #STATS_MIN_INTERVAL} old, else returns the cached snapshot. Before the pipeline runs,
     * while it stops and after, and if a read fails, the last snapshot is returned (its
     * {@code sampledAt} tells its age). A few property reads; never touches a buffer.
     */
    @Override
    public StreamStats stats() {
        synchronized (statsLock) {
            Instant now = clock.instant();
            if (lastStatsRead != null && Duration.between(lastStatsRead, now).compareTo(STATS_MIN_INTERVAL) < 0) {
                return lastStats;
            }
            RecordingPipeline running;
            synchronized (lock) {
                running = phase == Phase.RUNNING ? pipeline : null;
            }
            if (running == null) {
                return lastStats;
            }
            lastStatsRead = now;
            try {
                StatsCounters counters = running.readCounters(now); // null once released
                if (counters != null) {
                    lastStats = statsRing.add(counters);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "cannot read pipeline statistics " + logIds, e);
            }
            return lastStats;
        }
    }

    /** Closes the gate, then NULL + dispose; listeners hear nothing afterwards. */
    private void release(RecordingPipeline running) {
        gate.close();
        running.release();
        // a name reserved just before the muxer failed or stopped holds no media: never leave it behind
        ledger.deleteEmptyFiles();
        closeProbe();
        synchronized (lock) {
            phase = Phase.RELEASED;
            pipeline = null;
        }
        releasedLatch.countDown();
        onReleased.accept(this);
        LOG.fine(() -> "recorder released " + logIds);
    }

    /** Called with {@link #lock} held, before any pipeline exists (start may be probing). */
    private void releaseWithoutPipeline() {
        gate.close();
        closeProbe();
        phase = Phase.RELEASED;
        releasedLatch.countDown();
        onReleased.accept(this);
    }

    /** Ends the DESCRIBE probe's connection (quick: closes a socket). */
    private void closeProbe() {
        RtspDescribe describe = probe; // volatile: the bus thread must not wait for the lock
        if (describe != null) {
            describe.close();
        }
    }

    private void fail(String message, Throwable cause) {
        String safe = mask.mask(message);
        if (gate.isClosed()) {
            LOG.fine(() -> "start ended by stop or abort " + logIds + " " + safe);
        } else {
            LOG.warning(() -> "recording error " + logIds + " " + safe);
            if (cause != null) {
                LOG.log(Level.FINE, "cause of the recording error " + logIds, cause);
            }
        }
        gate.deliver(() -> listener.error(safe));
        synchronized (lock) {
            if (phase == Phase.STARTING) {
                releaseWithoutPipeline();
            }
        }
    }

    private void awaitReleased(Duration timeout) {
        try {
            releasedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onHelperThread(String action, Runnable work) {
        Thread helper = new Thread(work, "keyframe-recorder-" + action + "-" + target.cameraId() + "-" + target.streamId());
        helper.setDaemon(true);
        helper.start();
    }

    @Override
    public String toString() {
        return "GstRecorder[" + logIds + "]";
    }
}
