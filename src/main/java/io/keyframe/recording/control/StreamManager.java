package io.keyframe.recording.control;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraStream;
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
            recovered.fire(new StartupRecovered());
            for (Camera camera : cameras.all()) {
                for (CameraStream stream : camera.streams()) {
                    if (stream.recordingDesired()) {
                        session(stream).start("resumed at start-up");
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not resume recordings at start-up", e);
        }
    }

    /** {@code POST /recording/start}: a no-op when already recording. */
    public SessionStatus start(CameraId cameraId, Optional<StreamId> streamId) {
        CameraStream stream = stream(cameraId, streamId);
        cameras.setDesired(cameraId, stream.id(), true);
        RecordingSession session = session(stream);
        session.start("start requested");
        return session.status();
    }

    /** {@code POST /recording/stop}: returns once the last file is finalised. */
    public SessionStatus stop(CameraId cameraId, Optional<StreamId> streamId) {
        CameraStream stream = stream(cameraId, streamId);
        cameras.setDesired(cameraId, stream.id(), false);
        RecordingSession session = sessions.get(new StreamKey(cameraId, stream.id()));
        if (session == null) {
            return SessionStatus.stopped(cameraId, stream.id(), clock.instant());
        }
        session.stop("stop requested");
        return session.status();
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
            if (stream.recordingDesired()) {
                session(stream).start("camera configured");
            }
        }
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
