package io.keyframe.gstreamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MediaDescriptionsTest {

    private final Path work = Path.of("/rec/.keyframe/tmp/export-1");

    @Test
    void aJoinCopiesVideoThroughSplitmuxsrcIntoAFaststartMp4() {
        assertEquals("splitmuxsrc name=src location=\"/rec/.keyframe/tmp/export-1/parts/p*.mp4\""
                        + " src.video_0 ! h264parse ! identity ts-offset=1000000000 ! queue ! mux.video_0"
                        + " mp4mux name=mux faststart=true trak-timescale=90000 faststart-file=\"/rec/.keyframe/tmp/export-1/faststart.tmp\""
                        + " ! filesink location=\"/rec/.keyframe/tmp/export-1/out.mp4\" async=false",
                MediaDescriptions.join(work.resolve("parts/p*.mp4"), "h264", false, work.resolve("faststart.tmp"),
                        work.resolve("out.mp4")));
    }

    @Test
    void aJoinTakesAacAlongAndH265UsesItsParser() {
        String description = MediaDescriptions.join(work.resolve("p*.mp4"), "h265", true, work.resolve("f"), work.resolve("o"));
        assertEquals(true, description.contains("src.video_0 ! h265parse !"));
        assertEquals(true, description.contains(" src.audio_0 ! aacparse ! identity ts-offset=1000000000 ! queue ! mux.audio_0 "));
    }

    @Test
    void aRenditionDecodesH265AndEncodesBrowserFriendlyH264() {
        assertEquals("filesrc location=\"/r/a b.mp4\" ! qtdemux name=demux demux.video_0 ! h265parse ! avdec_h265"
                        + " ! videoconvert ! video/x-raw,format=I420 ! x264enc speed-preset=ultrafast tune=zerolatency"
                        + " key-int-max=30 ! video/x-h264,profile=constrained-baseline ! h264parse ! queue ! mux.video_0"
                        + " demux.audio_0 ! aacparse ! queue ! mux.audio_0"
                        + " mp4mux name=mux faststart=true trak-timescale=90000 faststart-file=\"/t/f\" ! filesink location=\"/t/o\" async=false",
                MediaDescriptions.h264Rendition(Path.of("/r/a b.mp4"), true, Path.of("/t/f"), Path.of("/t/o")));
    }

    @Test
    void aThumbnailDecodesTheFirstFrameScalesItTo320PixelsAndStopsAfterOneJpeg() {
        assertEquals("filesrc location=\"/r/a b.mp4\" ! qtdemux name=demux demux.video_0 ! h264parse ! avdec_h264 max-threads=1"
                        + " ! videoscale ! video/x-raw,width=320,pixel-aspect-ratio=1/1 ! videoconvert"
                        + " ! jpegenc snapshot=true quality=80 ! filesink location=\"/t/thumbnail.jpg\" async=false",
                MediaDescriptions.thumbnail(Path.of("/r/a b.mp4"), "h264", 320, Path.of("/t/thumbnail.jpg")));
        assertEquals(true, MediaDescriptions.thumbnail(Path.of("/r/x.mp4"), "h265", 320, Path.of("/t/o.jpg"))
                .contains(" ! h265parse ! avdec_h265 max-threads=1 ! "));
    }

    @Test
    void thumbnailsRefuseUnknownCodecsAndSillyWidths() {
        assertThrows(IllegalArgumentException.class, () -> MediaDescriptions.thumbnail(Path.of("/a"), "mjpeg", 320, Path.of("/b")));
        assertThrows(IllegalArgumentException.class, () -> MediaDescriptions.thumbnail(Path.of("/a"), "h264", 0, Path.of("/b")));
        assertThrows(IllegalArgumentException.class, () -> MediaDescriptions.thumbnail(Path.of("/a"), "h264", 10_000, Path.of("/b")));
    }

    @Test
    void unknownCodecsHaveNoParser() {
        assertThrows(IllegalArgumentException.class, () -> MediaDescriptions.parser("mjpeg"));
    }
}
