package io.keyframe.gstreamer;

import io.keyframe.recording.control.Transport;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineDescriptionsTest {

    private static final URI CAMERA = URI.create("rtsp://10.0.0.5:554/h264");
    private static final Duration SIX_SECONDS = Duration.ofSeconds(6);
    private static final Duration LATENCY = Duration.ofMillis(200);
    private static final String SINK = "splitmuxsink name=mux max-size-time=6250000000 use-robust-muxing=true"
            + " muxer=\"mp4mux reserved-moov-update-period=1000000000\" send-keyframe-requests=false";

    @Test
    void theVideoTapCountsFramesAndKeyframesBeforeTheMuxer() {
        assertEquals(" ! identity name=meter silent=true ! tee name=frames ! queue ! mux.video"
                + " frames. ! identity name=keyframes silent=true drop-buffer-flags=delta-unit"
                + " ! fakesink sync=false async=false enable-last-sample=false", PipelineDescriptions.VIDEO_TAP);
    }

    @Test
    void probeReadsOnlyTheVideoUpToItsParser() {
        assertEquals("rtspsrc name=src location=\"rtsp://10.0.0.5:554/h264\" protocols=tcp latency=0"
                        + " tcp-timeout=6000000 timeout=6000000"
                        + " src. ! application/x-rtp,media=video,encoding-name=H264 ! rtph264depay wait-for-keyframe=true"
                        + " ! h264parse name=parse ! fakesink sync=false async=false enable-last-sample=false",
                PipelineDescriptions.probe(URI.create("rtsp://admin:secret@10.0.0.5:554/h264"), VideoCodec.H264,
                        Transport.TCP, SIX_SECONDS));
        String h265 = PipelineDescriptions.probe(CAMERA, VideoCodec.H265, Transport.UDP, SIX_SECONDS);
        assertTrue(h265.contains(" protocols=udp "), h265);
        assertTrue(h265.contains("encoding-name=H265 ! rtph265depay ! h265parse name=parse ! fakesink"), h265);
    }

    @Test
    void h264OverTcp() {
        String description = PipelineDescriptions.recording(CAMERA, new SdpMedia(VideoCodec.H264, AacTrack.NONE, false),
                Transport.TCP, SIX_SECONDS, LATENCY);
        assertEquals("rtspsrc name=src location=\"rtsp://10.0.0.5:554/h264\" protocols=tcp latency=200"
                + " do-rtsp-keep-alive=true tcp-timeout=5000000 timeout=5000000"
                + " src. ! application/x-rtp,media=video,encoding-name=H264 ! rtph264depay wait-for-keyframe=true"
                + " ! h264parse" + PipelineDescriptions.VIDEO_TAP + " "
                + SINK, description);
    }

    @Test
    void h265OverUdp() {
        String description = PipelineDescriptions.recording(CAMERA, new SdpMedia(VideoCodec.H265, AacTrack.NONE, false),
                Transport.UDP, SIX_SECONDS, LATENCY);
        assertEquals("rtspsrc name=src location=\"rtsp://10.0.0.5:554/h264\" protocols=udp latency=200"
                + " do-rtsp-keep-alive=true tcp-timeout=5000000 timeout=5000000"
                + " src. ! application/x-rtp,media=video,encoding-name=H265 ! rtph265depay"
                + " ! h265parse" + PipelineDescriptions.VIDEO_TAP + " "
                + SINK, description);
    }

    @Test
    void h264WithAacHbr() {
        String description = PipelineDescriptions.recording(CAMERA, new SdpMedia(VideoCodec.H264, AacTrack.MPEG4_GENERIC, false),
                Transport.TCP, SIX_SECONDS, LATENCY);
        assertEquals("rtspsrc name=src location=\"rtsp://10.0.0.5:554/h264\" protocols=tcp latency=200"
                + " do-rtsp-keep-alive=true tcp-timeout=5000000 timeout=5000000"
                + " src. ! application/x-rtp,media=video,encoding-name=H264 ! rtph264depay wait-for-keyframe=true"
                + " ! h264parse" + PipelineDescriptions.VIDEO_TAP
                + " src. ! application/x-rtp,media=audio,encoding-name=MPEG4-GENERIC ! rtpmp4gdepay ! aacparse ! queue ! mux.audio_0 "
                + SINK, description);
    }

    @Test
    void latmAudioUsesItsDepayloader() {
        String description = PipelineDescriptions.recording(CAMERA, new SdpMedia(VideoCodec.H265, AacTrack.MP4A_LATM, true),
                Transport.TCP, SIX_SECONDS, LATENCY);
        assertTrue(description.contains(" src. ! application/x-rtp,media=audio,encoding-name=MP4A-LATM ! rtpmp4adepay"
                + " ! aacparse ! queue ! mux.audio_0 "), description);
    }

    @Test
    void otherAudioIsNotLinked() {
        String description = PipelineDescriptions.recording(CAMERA, new SdpMedia(VideoCodec.H264, AacTrack.NONE, true),
                Transport.TCP, SIX_SECONDS, LATENCY);
        assertFalse(description.contains("media=audio"), description);
    }

    @Test
    void neverCarriesCredentials() {
        URI withUserInfo = URI.create("rtsp://admin:s%40cret@10.0.0.5/Streaming/Channels/101?transportmode=unicast");
        String description = PipelineDescriptions.recording(withUserInfo, new SdpMedia(VideoCodec.H264, AacTrack.NONE, false),
                Transport.TCP, SIX_SECONDS, LATENCY);
        assertTrue(description.startsWith("rtspsrc name=src location=\"rtsp://10.0.0.5/Streaming/Channels/101?transportmode=unicast\" "),
                description);
        assertFalse(description.contains("s%40cret"), description);
        assertFalse(description.contains("s@cret"), description);
        assertFalse(description.contains("admin"), description);
    }

    @Test
    void maxSizeTimeIsTargetPlusAQuarterSecond() {
        assertEquals(Duration.ofMillis(180_250), PipelineDescriptions.maxSizeTime(Duration.ofMinutes(3)));
        assertEquals(Duration.ofMillis(2_250), PipelineDescriptions.maxSizeTime(Duration.ofSeconds(2)));
    }

    @Test
    void quotesForGstParseLaunch() {
        assertEquals("\"a\\\"b\\\\c\"", PipelineDescriptions.quote("a\"b\\c"));
    }

    @Test
    void refusesEmptySegments() {
        SdpMedia media = new SdpMedia(VideoCodec.H264, AacTrack.NONE, false);
        assertThrows(IllegalArgumentException.class,
                () -> PipelineDescriptions.recording(CAMERA, media, Transport.TCP, Duration.ZERO, LATENCY));
    }
}
