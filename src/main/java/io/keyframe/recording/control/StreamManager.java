package io.keyframe.recording.control;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.RecordingMode;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.platform.db.SchemaReady;
import io.keyframe.platform.rest.ApiException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the life of every recording: the only place that starts and stops pipelines. It keeps one
 * {@link RecordingSession} per (camera, stream) and drives it towards the desired state, which is
 * persisted with the stream so that recording resumes after a restart.
 */
@ApplicationScoped
public class StreamManager {

    private static final Logger LOG = Logger.getLogger(StreamManager.class.getName());

    @Inject
    RecorderFactory recorders;

    @Inject
    SegmentSink segments;

    @Inject
    CameraStore cameras;

    @Inject
    KeyframeSettings settings;

    @Inject
    TaskScheduler scheduler;

    @Inject
    Reachability reachability;

    @Inject
    Clock clock;

    @Inject
    StartupRecovery recovery;

    @Inject
    StateLog stateLog;

    @Inject
    jakarta.enterprise.event.Event<StartupRecovered> recovered;

    @Inject
    ScheduleCheck schedules;

    @Inject
    EventWindows eventWindows;

    private final Map<StreamKey, RecordingDecision.Decision> decisions = new ConcurrentHashMap<>();
    /** Heartbeat of the scheduler that runs every session's timers; null until start-up recovery. */
    private volatile Instant lastBeat;
    static final Duration BEAT = Duration.ofSeconds(10);

    private final Map<StreamKey, RecordingSession> sessions = new ConcurrentHashMap<>();
    private final Random random = new SecureRandom();
    private volatile boolean shuttingDown;

    /** The key of a session. */
    public record StreamKey(CameraId camera, StreamId stream) {
    }

    /** Once the schema is there: finish what a crash left, then resume every stream meant to record. */
    void onSchemaReady(@Observes SchemaReady ready) {
        scheduler.execute(this::resume);
    }

    private void resume() {
        try {
            recovery.recover();
            beat();
            recovered.fire(new StartupRecovered());
            evaluateAll("resumed at start-up");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not resume recordings at start-up", e);
        }
    }

    /**
     * {@code POST /recording/start}: the manual override "on" (in continuous mode, which wants the
     * stream on anyway, the override is cleared); a no-op when already recording.
     */
    public SessionStatus start(CameraId cameraId, Optional<StreamId> streamId) {
        CameraStream stream = stream(cameraId, streamId);
        boolean continuous = stream.camera().recordingMode() == RecordingMode.CONTINUOUS;
        cameras.setOverride(cameraId, stream.id(), continuous ? null : "on");
        evaluate(cameraId, "start requested");
        return status(cameraId, Optional.of(stream.id()));
    }

    /** {@code POST /recording/stop}: the manual override "off"; returns once the last file is finalised. */
    public SessionStatus stop(CameraId cameraId, Optional<StreamId> streamId) {
        CameraStream stream = stream(cameraId, streamId);
        cameras.setOverride(cameraId, stream.id(), "off");
        evaluate(cameraId, "stop requested");
        return status(cameraId, Optional.of(stream.id()));
    }

    /** {@code DELETE /recording/override/…}: mode, schedule and events decide again. */
    public SessionStatus clearOverride(CameraId cameraId, Optional<StreamId> streamId) {
        CameraStream stream = stream(cameraId, streamId);
        cameras.setOverride(cameraId, stream.id(), null);
        evaluate(cameraId, "override cleared");
        return status(cameraId, Optional.of(stream.id()));
    }

    /** The in-memory status of a stream's session, without a database read (for metrics). */
    public Optional<SessionStatus> sessionStatus(CameraId cameraId, StreamId streamId) {
        RecordingSession session = sessions.get(new StreamKey(cameraId, streamId));
        return session == null ? Optional.empty() : Optional.of(session.status());
    }

    /** RTP and media statistics of a stream's running pipeline ({@link StreamStats#EMPTY} when none runs). */
    public StreamStats streamStats(CameraId cameraId, StreamId streamId) {
        RecordingSession session = sessions.get(new StreamKey(cameraId, streamId));
        return session == null ? StreamStats.EMPTY : session.streamStats();
    }

    /** Who wants a stream on now ({@code none} before the first decision). */
    public RecordingDecision.WantedBy wantedBy(CameraId cameraId, StreamId streamId) {
        RecordingDecision.Decision decision = decisions.get(new StreamKey(cameraId, streamId));
        return decision == null ? RecordingDecision.WantedBy.NONE : decision.wantedBy();
    }

    /**
     * The supervision heartbeat: a task on the same scheduler as every session's watchdogs and
     * retries, rescheduling itself. If it stops, so has supervision ({@code /health/live}).
     */
    private void beat() {
        lastBeat = clock.instant();
        if (!shuttingDown) {
            scheduler.schedule(this::beat, BEAT);
        }
    }

    /** When the supervision heartbeat last ran (empty before start-up recovery has finished). */
    public Optional<Instant> lastHeartbeat() {
        return Optional.ofNullable(lastBeat);
    }

    /** Whether the last decision wants a stream to record. */
    public boolean wanted(CameraId cameraId, StreamId streamId) {
        RecordingDecision.Decision decision = decisions.get(new StreamKey(cameraId, streamId));
        return decision != null && decision.record();
    }

    /** Applies the decision to every stream of every camera (the schedule timer, start-up). */
    public void evaluateAll(String reason) {
        for (Camera camera : cameras.all()) {
            try {
                evaluate(camera.id(), reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "camera=" + camera.id() + " could not apply its recording decision: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Decides for each stream of a camera whether it records now ({@link RecordingDecision}) and
     * starts or stops its session accordingly; unknown cameras are ignored.
     */
    public void evaluate(CameraId cameraId, String reason) {
        Optional<Camera> found = cameras.find(cameraId);
        if (found.isEmpty() || shuttingDown) {
            return;
        }
        Camera camera = found.get();
        Instant now = clock.instant();
        boolean scheduleOn = camera.recordingMode() == RecordingMode.SCHEDULED && schedules.isOn(cameraId.value(), now);
        for (CameraStream stream : camera.streams()) {
            StreamKey key = new StreamKey(cameraId, stream.id());
            boolean eventWindow = camera.recordingMode() != RecordingMode.CONTINUOUS
                    && eventWindows.covers(cameraId.value(), stream.id().value(), now);
            RecordingDecision.Decision decision = RecordingDecision.decide(camera.recordingMode(), camera.acceptEvents(),
                    RecordingDecision.Override.parse(stream.manualOverride()), scheduleOn, eventWindow);
            RecordingDecision.Decision before = decisions.put(key, decision);
            if (before == null || before.record() != decision.record() || stream.recordingDesired() != decision.record()) {
                cameras.setDesired(cameraId, stream.id(), decision.record());
            }
            if (decision.record()) {
                session(stream).start(reason + " (" + decision.wantedBy().wire() + ")");
            } else {
                RecordingSession session = sessions.get(key);
                if (session != null && session.status().desired()) {
                    session.stop(decision.wantedBy() == RecordingDecision.WantedBy.MANUAL ? "stop requested"
                            : camera.recordingMode() == RecordingMode.SCHEDULED ? "schedule off" : "no event");
                }
            }
        }
    }

    public SessionStatus status(CameraId cameraId, Optional<StreamId> streamId) {
        CameraStream stream = stream(cameraId, streamId);
        RecordingSession session = sessions.get(new StreamKey(cameraId, stream.id()));
        return session == null ? SessionStatus.stopped(cameraId, stream.id(), stream.camera().createdAt()) : session.status();
    }

    public List<SessionStatus> statuses(CameraId cameraId) {
        Camera camera = cameras.get(cameraId);
        List<SessionStatus> result = new ArrayList<>();
        for (CameraStream stream : camera.streams()) {
            result.add(status(cameraId, Optional.of(stream.id())));
        }
        return result;
    }

    /** After a camera was created or changed: apply new settings, start or stop streams as desired. */
    public void cameraChanged(CameraId cameraId) {
        Camera camera = cameras.get(cameraId);
        for (Map.Entry<StreamKey, RecordingSession> entry : List.copyOf(sessions.entrySet())) {
            if (entry.getKey().camera().equals(cameraId) && camera.stream(entry.getKey().stream()).isEmpty()) {
                entry.getValue().stop("stream removed");
                sessions.remove(entry.getKey());
            }
        }
        for (CameraStream stream : camera.streams()) {
            RecordingSession existing = sessions.get(new StreamKey(cameraId, stream.id()));
            if (existing != null) {
                existing.reconfigure(target(stream));
            }
        }
        evaluate(cameraId, "camera configured");
    }

    /** Before a camera is deleted: its recordings are finalised. */
    public void cameraRemoved(CameraId cameraId) {
        for (Map.Entry<StreamKey, RecordingSession> entry : List.copyOf(sessions.entrySet())) {
            if (entry.getKey().camera().equals(cameraId)) {
                entry.getValue().stop("camera deleted");
                sessions.remove(entry.getKey());
            }
        }
    }

    private CameraStream stream(CameraId cameraId, Optional<StreamId> streamId) {
        Camera camera = cameras.get(cameraId);
        if (streamId.isEmpty()) {
            return camera.primaryStream().orElseThrow(() -> ApiException.notFound("camera " + cameraId + " has no primary stream"));
        }
        return camera.stream(streamId.get())
                .orElseThrow(() -> ApiException.notFound("camera " + cameraId + " has no stream " + streamId.get()));
    }

    private RecordingSession session(CameraStream stream) {
        if (shuttingDown) {
            throw new ApiException(503, "the server is shutting down");
        }
        return sessions.computeIfAbsent(new StreamKey(stream.camera().id(), stream.id()),
                key -> new RecordingSession(target(stream), recorders, segments, scheduler, reachability, clock,
                        SessionPolicy.defaults(settings.stallTimeout()), random::nextDouble, stateLog));
    }

    private RecordingTarget target(CameraStream stream) {
        return new RecordingTarget(stream.camera().id(), stream.id(), stream.primary(), stream.url(),
                stream.username(), stream.password(), stream.transport(), settings.recordingRoot(),
                settings.segmentDuration());
    }

    /** Server stop: every session ends with end-of-stream so its last file is finalised, in parallel. */
    @PreDestroy
    void shutdown() {
        shuttingDown = true;
        List<Thread> stoppers = new ArrayList<>();
        for (RecordingSession session : sessions.values()) {
            Thread thread = new Thread(() -> session.stop("server stopping"), "keyframe-stop");
            thread.start();
            stoppers.add(thread);
        }
        for (Thread thread : stoppers) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sessions.clear();
    }
}
