package io.keyframe.camera.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.platform.rest.ApiException;
import io.keyframe.recording.control.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraSpecTest {

    @Test
    void aSingleStreamIsThePrimary() {
        CameraSpec spec = new CameraSpec(CameraId.of("lobby"), null, RecordingMode.CONTINUOUS, null, 5, 10,
                List.of(stream("main", false)));
        assertTrue(spec.streams().get(0).primary());
        assertEquals("lobby", spec.name());
    }

    @Test
    void exactlyOnePrimaryAmongSeveral() {
        assertThrows(ApiException.class, () -> new CameraSpec(CameraId.of("a"), "A", RecordingMode.OFF, null, 5, 10,
                List.of(stream("main", false), stream("sub", false))));
        assertThrows(ApiException.class, () -> new CameraSpec(CameraId.of("a"), "A", RecordingMode.OFF, null, 5, 10,
                List.of(stream("main", true), stream("sub", true))));
        assertThrows(ApiException.class, () -> new CameraSpec(CameraId.of("a"), "A", RecordingMode.OFF, null, 5, 10,
                List.of(stream("main", true), stream("main", false))));
    }

    @Test
    void identifiersAreValidatedOnce() {
        for (String bad : new String[] {"", "a/b", "..", "a b", "x".repeat(65), "é"}) {
            assertThrows(ApiException.class, () -> CameraId.of(bad), bad);
            assertThrows(ApiException.class, () -> StreamId.of(bad), bad);
        }
        assertEquals("Cam_01-b", CameraId.of("Cam_01-b").value());
    }

    @Test
    void rangesAreChecked() {
        assertThrows(ApiException.class, () -> new CameraSpec(CameraId.of("a"), "A", RecordingMode.OFF, 36501, 5, 10,
                List.of(stream("main", true))));
        assertThrows(ApiException.class, () -> new CameraSpec(CameraId.of("a"), "A", RecordingMode.OFF, null, -1, 10,
                List.of(stream("main", true))));
        assertThrows(ApiException.class, () -> RecordingMode.parse("sometimes"));
    }

    @Test
    void explicitCredentialsWinOverTheUrls() {
        StreamSpec spec = StreamSpec.of(StreamId.of("main"), "rtsp://u:old@h/x", "admin", "new", true, true, Transport.UDP);
        assertEquals("admin", spec.username());
        assertEquals("new", spec.password());
        assertEquals("rtsp://h/x", spec.url().toString());
        assertTrue(!spec.toString().contains("new"));
    }

    private static StreamSpec stream(String id, boolean primary) {
        return StreamSpec.of(StreamId.of(id), "rtsp://cam/" + id, null, null, false, primary, Transport.TCP);
    }
}
