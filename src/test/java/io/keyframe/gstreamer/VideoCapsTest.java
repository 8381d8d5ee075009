package io.keyframe.gstreamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VideoCapsTest {

    @Test
    void sizeAndRateOfAnH264Parser() {
        String caps = "video/x-h264, stream-format=(string)avc, alignment=(string)au, codec_data=(buffer)0142c01effe1001b,"
                + " level=(string)3, profile=(string)constrained-baseline, width=(int)640, height=(int)360,"
                + " framerate=(fraction)15/1, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive";
        assertEquals(new VideoCaps(640, 360, 15.0), VideoCaps.parse(caps).orElseThrow());
    }

    @Test
    void ntscRatesAreRoundedToHundredths() {
        assertEquals(29.97, VideoCaps.parse("video/x-h265, width=(int)1920, height=(int)1080, framerate=(fraction)30000/1001")
                .orElseThrow().frameRate());
    }

    @Test
    void aStreamWithoutTimingHasNoRate() {
        assertEquals(new VideoCaps(1280, 720, null),
                VideoCaps.parse("video/x-h264, width=(int)1280, height=(int)720, framerate=(fraction)0/1").orElseThrow());
        assertEquals(new VideoCaps(1280, 720, null), VideoCaps.parse("video/x-h264, width=(int)1280, height=(int)720").orElseThrow());
    }

    @Test
    void noSizeYet() {
        assertTrue(VideoCaps.parse("video/x-h264, stream-format=(string)avc, alignment=(string)au").isEmpty());
        assertTrue(VideoCaps.parse(null).isEmpty());
        // pixel-aspect-ratio or "max-width" are not the size
        assertTrue(VideoCaps.parse("video/x-h264, max-width=(int)640, max-height=(int)360").isEmpty());
    }
}
