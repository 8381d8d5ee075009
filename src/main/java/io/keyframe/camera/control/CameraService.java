package io.keyframe.camera.control;

import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraSpec;
import io.keyframe.recording.control.StreamManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Creating, changing and deleting cameras: the store and the recording sessions together, in the
 * order that keeps them consistent. The REST resource and the operator pages both call this.
 */
@ApplicationScoped
public class CameraService {

    @Inject
    CameraStore store;

    @Inject
    StreamManager manager;

    public List<Camera> all() {
        return store.all();
    }

    public Camera get(CameraId id) {
        return store.get(id);
    }

    /** Stores the camera, then starts its streams as its mode wants. */
    public Camera create(CameraSpec spec) {
        Camera camera = store.create(spec);
        manager.cameraChanged(spec.id());
        return camera;
    }

    /** Replaces the camera's settings and streams, then reconfigures, starts or stops its sessions. */
    public Camera update(CameraSpec spec) {
        store.update(spec);
        manager.cameraChanged(spec.id());
        return store.get(spec.id());
    }

    /** Stops and finalises the camera's recordings, then forgets its configuration; footage stays. */
    public void delete(CameraId id) {
        store.get(id);
        manager.cameraRemoved(id);
        store.delete(id);
    }
}
