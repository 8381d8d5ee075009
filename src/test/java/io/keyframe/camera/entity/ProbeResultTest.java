package io.keyframe.camera.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProbeResultTest {

    @Test
    void oneLineForPeople() {
        assertEquals("H.264 640×360 @ 15 fps, no audio", new ProbeResult("H264", 640, 360, 15.0, null).summary());
        assertEquals("H.265 1920×1080 @ 29.97 fps, audio AAC", new ProbeResult("H265", 1920, 1080, 29.97, "AAC").summary());
        assertEquals("H.264 1280×720, audio G.711 µ-law", new ProbeResult("H264", 1280, 720, null, "G.711 µ-law").summary());
    }
}
