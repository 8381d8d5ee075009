package io.keyframe.camera.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CameraProbeTest {

    @Test
    void theStoredPasswordOnlyGoesToItsOwnHostAndPort() {
        URI stored = URI.create("rtsp://Cam-1.local/main");
        assertTrue(CameraProbe.sameAddress(stored, URI.create("rtsp://cam-1.local:554/other?x=1")), "case and default port");
        assertFalse(CameraProbe.sameAddress(stored, URI.create("rtsp://cam-1.local:8554/main")), "another port");
        assertFalse(CameraProbe.sameAddress(stored, URI.create("rtsp://evil.example/main")), "another host");
    }
}
