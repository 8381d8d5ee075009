package io.keyframe.recording.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * The life of one stream's recording: a state machine driven towards the desired state.
 * {@code STOPPED → CONNECTING → RECORDING → RECONNECTING … → FAILED}. Failures (error, end of
 * stream, stall) tear the recorder down and start a new one after a jittered exponential backoff;
 * while the camera refuses connections it is probed every second instead.
 *
 * <p>Thread safety: every field is guarded by {@code this}; blocking calls (starting, stopping or
 * aborting a recorder, probing) run outside the lock on the {@link TaskScheduler} or the caller.
 * Events of a recorder that has been replaced are ignored (each recorder gets its generation).
 */
public final class RecordingSession {

    private static final Logger LOG = Logger.getLogger(RecordingSession.class.getName());
    private static final int HISTORY = 50;
    private static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(1);

    private final RecorderFactory factory;
    private final SegmentSink sink;
    private final TaskScheduler scheduler;
    private final Reachability reachability;
    private final Clock clock;
    private final SessionPolicy policy;
    private final DoubleSupplier random;
    private final StateLog stateLog;

    private RecordingTarget target;
    private SessionState state = SessionState.STOPPED;
    private Instant since;
    private boolean desired;
    private boolean stopping;
    private Recorder recorder;
    private long generation;
    private int attempt;
    private int reconnects;
    private String lastError;
    private String videoCodec;
    private boolean audio;
    private Path currentFile;
    private Instant currentStart;
    private long lastSize = -1;
    private Instant lastProgress;
    private Instant lastSegmentAt;
    private TaskScheduler.Cancellable retry;
    private TaskScheduler.Cancellable watchdog;
    private final Deque<StateChange> history = new ArrayDeque<>();

    public RecordingSession(RecordingTarget target, RecorderFactory factory, SegmentSink sink, TaskScheduler scheduler,
                            Reachability reachability, Clock clock, SessionPolicy policy, DoubleSupplier random) {
        this(target, factory, sink, scheduler, reachability, clock, policy, random, StateLog.NONE);
    }

    /** Like the other constructor; every state change is also reported to {@code stateLog}. */
    public RecordingSession(RecordingTarget target, RecorderFactory factory, SegmentSink sink, TaskScheduler scheduler,
                            Reachability reachability, Clock clock, SessionPolicy policy, DoubleSupplier random,
                            StateLog stateLog) {
        this.stateLog = stateLog;
        this.target = target;
        this.factory = factory;
        this.sink = sink;
        this.scheduler = scheduler;
        this.reachability = reachability;
        this.clock = clock;
        this.policy = policy;
        this.random = random;
        this.since = clock.instant();
    }

    /** Starts recording if it is not already; a no-op while recording or reconnecting. */
    public synchronized void start(String reason) {
        desired = true;
        if (state == SessionState.STOPPED && !stopping) {
            attempt = 0;
            connect(SessionState.CONNECTING, reason);
        }
    }

    /**
     * Stops recording and waits (bounded by the policy) until the last file is finalised and
     * handed to the sink. Blocks: call it from a request or shutdown thread, never from a
     * recorder callback.
     */
    public void stop(String reason) {
        Recorder running;
        Path unfinished;
        Instant unfinishedStart;
        synchronized (this) {
            desired = false;
            cancelTimers();
            if (state == SessionState.STOPPED || stopping) {
                return;
            }
            stopping = true;
            running = recorder;
        }
        if (running != null) {
            running.stop(policy.stopTimeout());
        }
        synchronized (this) {
            generation++;
            recorder = null;
            unfinished = currentFile;
            unfinishedStart = currentStart;
            currentFile = null;
            stopping = false;
            transition(SessionState.STOPPED, reason);
        }
        if (unfinished != null) {
            // the end of stream did not arrive in time: keep what the file holds
            sink.interrupted(target, unfinished, unfinishedStart);
        }
    }

    /** Replaces the stream's settings; a running recording restarts with them. */
    public void reconfigure(RecordingTarget newTarget) {
        boolean restart;
        synchronized (this) {
            restart = desired && !newTarget.equals(target);
            target = newTarget;
        }
        if (restart) {
            stop("settings changed");
            start("settings changed");
        }
    }

    private void connect(SessionState connectingState, String reason) {
        if (state != connectingState) {
            transition(connectingState, reason);
        }
        long gen = ++generation;
        Recorder created = factory.create(target, new Events(gen));
        recorder = created;
        currentFile = null;
        lastSize = -1;
        lastProgress = clock.instant();
        scheduleWatchdog();
        scheduler.execute(() -> {
            try {
                created.start();
            } catch (RuntimeException e) {
                failed(gen, "connect failed: " + e.getMessage());
            }
        });
    }

    private void failed(long gen, String reason) {
        Recorder broken;
        Path partial;
        Instant partialStart;
        synchronized (this) {
            if (gen != generation || stopping) {
                return;
            }
            generation++;
            broken = recorder;
            recorder = null;
            partial = currentFile;
            partialStart = currentStart;
            currentFile = null;
            lastError = reason;
            cancelTimers();
            if (!desired) {
                transition(SessionState.STOPPED, reason);
            } else {
                attempt++;
                reconnects++;
                transition(attempt >= policy.failAfter() ? SessionState.FAILED : SessionState.RECONNECTING, reason);
                retry = scheduler.schedule(this::retry, policy.backoff(attempt, random.getAsDouble()));
            }
        }
        RecordingTarget failedTarget = target();
        scheduler.execute(() -> {
            if (broken != null) {
                broken.abort();
            }
            if (partial != null) {
                sink.interrupted(failedTarget, partial, partialStart);
            }
        });
    }

    private void retry() {
        RecordingTarget probeTarget;
        synchronized (this) {
            if (!desired || recorder != null || stopping) {
                return;
            }
            probeTarget = target;
        }
        boolean up = reachability.reachable(probeTarget.url());
        synchronized (this) {
            if (!desired || recorder != null || stopping) {
                return;
            }
            if (up) {
                connect(state, "retry " + attempt);
            } else {
                lastError = "camera unreachable";
                retry = scheduler.schedule(this::retry, policy.probeInterval());
            }
        }
    }

    private void scheduleWatchdog() {
        if (watchdog != null) {
            watchdog.cancel();
        }
        long gen = generation;
        watchdog = scheduler.schedule(() -> watch(gen), WATCHDOG_PERIOD);
    }

    /** Fails a recorder that writes nothing: no file opened in time, or a file that stopped growing. */
    private void watch(long gen) {
        String stall = null;
        synchronized (this) {
            if (gen != generation || recorder == null || stopping) {
                return;
            }
            Instant now = clock.instant();
            if (currentFile != null) {
                long size = sizeOf(currentFile);
                if (size != lastSize) {
                    lastSize = size;
                    lastProgress = now;
                }
                if (Duration.between(lastProgress, now).compareTo(policy.stallTimeout()) > 0) {
                    stall = "stalled: no data for " + policy.stallTimeout().toSeconds() + " s";
                }
            } else if (Duration.between(lastProgress, now).compareTo(policy.connectTimeout()) > 0) {
                stall = "no media within " + policy.connectTimeout().toSeconds() + " s";
            }
            if (stall == null) {
                watchdog = scheduler.schedule(() -> watch(gen), WATCHDOG_PERIOD);
                return;
            }
        }
        failed(gen, stall);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private void cancelTimers() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
        if (watchdog != null) {
            watchdog.cancel();
            watchdog = null;
        }
    }

    private void transition(SessionState to, String reason) {
        SessionState from = state;
        Instant now = clock.instant();
        state = to;
        since = now;
        StateChange change = new StateChange(now, from, to, reason);
        history.addLast(change);
        try {
            stateLog.record(target, change);
        } catch (RuntimeException e) {
            LOG.warning("state log refused a change: " + e.getMessage());
        }
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
        LOG.info(() -> "camera=" + target.cameraId() + " stream=" + target.streamId() + " state " + from + " -> " + to
                + " reason=\"" + reason + "\"");
    }

    public synchronized RecordingTarget target() {
        return target;
    }

    /** A consistent copy of the session's state for status routes and health. */
    public synchronized SessionStatus status() {
        return new SessionStatus(target.cameraId(), target.streamId(), state, since, desired, reconnects, lastError,
                videoCodec, audio, lastSegmentAt, List.copyOf(history));
    }

    /**
     * Health numbers of the running recorder ({@link Recorder#stats()}), {@link StreamStats#EMPTY}
     * while none runs. The recorder is asked outside the session's lock.
     */
    public StreamStats streamStats() {
        Recorder running;
        synchronized (this) {
            running = recorder;
        }
        return running == null ? StreamStats.EMPTY : running.stats();
    }

    /** The listener given to one recorder: events of replaced recorders are dropped. */
    private final class Events implements RecorderListener {
        private final long gen;

        Events(long gen) {
            this.gen = gen;
        }

        @Override
        public void connected(String codec, boolean hasAudio) {
            synchronized (RecordingSession.this) {
                if (gen == generation) {
                    videoCodec = codec;
                    audio = hasAudio;
                }
            }
        }

        @Override
        public void fragmentOpened(Path file, Instant start) {
            RecordingTarget current;
            synchronized (RecordingSession.this) {
                if (gen != generation) {
                    return;
                }
                current = target;
                currentFile = file;
                currentStart = start;
                lastSize = -1;
                lastProgress = clock.instant();
                if (state != SessionState.RECORDING && !stopping) {
                    attempt = 0;
                    transition(SessionState.RECORDING, "receiving media");
                }
            }
            sink.opened(current, file, start);
        }

        @Override
        public void fragmentClosed(Path file, Instant start, Duration duration) {
            RecordingTarget current;
            synchronized (RecordingSession.this) {
                if (gen != generation) {
                    return;
                }
                current = target;
                if (file.equals(currentFile)) {
                    currentFile = null;
                }
                lastSegmentAt = clock.instant();
            }
            sink.closed(current, file, start, duration);
        }

        @Override
        public void error(String message) {
            failed(gen, "pipeline error: " + message);
        }

        @Override
        public void endOfStream() {
            failed(gen, "camera ended the stream");
        }
    }
}
