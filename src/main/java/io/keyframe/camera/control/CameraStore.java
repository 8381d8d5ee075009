package io.keyframe.camera.control;

import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraSpec;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.camera.entity.StreamSpec;
import io.keyframe.platform.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Cameras and their streams in PostgreSQL. */
@ApplicationScoped
@Transactional
public class CameraStore {

    @PersistenceContext(unitName = "keyframe")
    EntityManager em;

    @Inject
    Clock clock;

    public List<Camera> all() {
        return em.createQuery("SELECT c FROM Camera c ORDER BY c.cameraId", Camera.class).getResultList();
    }

    public Optional<Camera> find(CameraId id) {
        return Optional.ofNullable(em.find(Camera.class, id.value()));
    }

    public Camera get(CameraId id) {
        return find(id).orElseThrow(() -> ApiException.notFound("no camera " + id));
    }

    /** Creates a camera; in continuous mode its streams are meant to record from the start. */
    public Camera create(CameraSpec spec) {
        if (em.find(Camera.class, spec.id().value()) != null) {
            throw ApiException.conflict("camera " + spec.id() + " already exists");
        }
        Instant now = clock.instant();
        Camera camera = new Camera(spec.id(), now);
        camera.apply(spec, now);
        for (StreamSpec streamSpec : spec.streams()) {
            CameraStream stream = new CameraStream(camera, streamSpec.id(), now);
            stream.apply(streamSpec, now);
            stream.recordingDesired(spec.recordingMode() == io.keyframe.camera.entity.RecordingMode.CONTINUOUS, now);
            camera.streams().add(stream);
        }
        em.persist(camera);
        em.flush();
        return camera;
    }

    /** Replaces a camera's settings and streams; streams kept by id keep their password unless given. */
    public Camera update(CameraSpec spec) {
        Camera camera = get(spec.id());
        Instant now = clock.instant();
        if (camera.recordingMode() != spec.recordingMode()) {
            // a new mode is a new plan: the start/stop routes' overrides end with the old one
            camera.streams().forEach(s -> s.manualOverride(null, now));
        }
        camera.apply(spec, now);
        camera.streams().removeIf(existing -> spec.streams().stream().noneMatch(s -> s.id().equals(existing.id())));
        // a primary flag moves: clear the old one first so the partial unique index never sees two
        camera.streams().forEach(s -> {
            if (s.primary() && spec.streams().stream().noneMatch(n -> n.id().equals(s.id()) && n.primary())) {
                s.apply(specWithPrimary(s, false), now);
            }
        });
        em.flush();
        for (StreamSpec streamSpec : spec.streams()) {
            CameraStream stream = camera.stream(streamSpec.id()).orElse(null);
            if (stream == null) {
                stream = new CameraStream(camera, streamSpec.id(), now);
                stream.recordingDesired(spec.recordingMode() == io.keyframe.camera.entity.RecordingMode.CONTINUOUS, now);
                camera.streams().add(stream);
            }
            stream.apply(streamSpec, now);
        }
        em.flush();
        return camera;
    }

    private static StreamSpec specWithPrimary(CameraStream s, boolean primary) {
        return new StreamSpec(s.id(), s.url(), s.username(), s.password(), false, primary, s.transport(), s.retentionDays());
    }

    public void delete(CameraId id) {
        em.remove(get(id));
    }

    /** Sets (or with null clears) a stream's manual override. */
    public void setOverride(CameraId camera, StreamId stream, String value) {
        CameraStream s = get(camera).stream(stream)
                .orElseThrow(() -> ApiException.notFound("camera " + camera + " has no stream " + stream));
        s.manualOverride(value, clock.instant());
    }

    /** Persists the last decision on whether a stream records (shown as recording_desired). */
    public void setDesired(CameraId camera, StreamId stream, boolean desired) {
        CameraStream s = get(camera).stream(stream)
                .orElseThrow(() -> ApiException.notFound("camera " + camera + " has no stream " + stream));
        s.recordingDesired(desired, clock.instant());
    }
}
