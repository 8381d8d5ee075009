package io.keyframe.camera.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyframe.platform.rest.ApiException;
import org.junit.jupiter.api.Test;

class RtspUrlTest {

    @Test
    void splitsPercentEncodedCredentialsFromTheUrl() {
        RtspUrl url = RtspUrl.parse("rtsp://admin:p%40ss%3Aw%2Frd@10.0.0.5:554/Streaming/101?transport=tcp");
        assertEquals("rtsp://10.0.0.5:554/Streaming/101?transport=tcp", url.withoutCredentials().toString());
        assertEquals("admin", url.username());
        assertEquals("p@ss:w/rd", url.password());
    }

    @Test
    void theLastAtSignEndsTheUserInformation() {
        RtspUrl url = RtspUrl.parse("rtsp://user:p@ss@cam.local/live");
        assertEquals("p@ss", url.password());
        assertEquals("cam.local", url.withoutCredentials().getHost());
    }

    @Test
    void aUrlWithoutCredentialsStaysAsItIs() {
        RtspUrl url = RtspUrl.parse("rtsps://cam.local:322/h264");
        assertEquals("rtsps://cam.local:322/h264", url.toString());
        assertNull(url.username());
        assertNull(url.password());
    }

    @Test
    void plusSignsInPasswordsAreKept() {
        assertEquals("a+b", RtspUrl.parse("rtsp://u:a+b@h/x").password());
    }

    @Test
    void errorsNeverRepeatTheUrl() {
        for (String bad : new String[] {"http://u:secret@h/x", "rtsp://u:secret@/x", "rtsp://u:sec%zzret@h/x", "", "rtsp://u:secret@h/x y"}) {
            ApiException error = assertThrows(ApiException.class, () -> RtspUrl.parse(bad), bad);
            assertEquals(400, error.status());
            assertFalse(error.getMessage().contains("secret"), error.getMessage());
        }
    }
}
