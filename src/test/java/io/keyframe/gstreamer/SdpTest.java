package io.keyframe.gstreamer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdpTest {

    private static final String HEADER = """
            v=0
            o=- 16409410928822617131 1 IN IP4 127.0.0.1
            s=Session streamed with GStreamer
            t=0 0
            a=control:*
            a=range:npt=now-
            """;

    private static final String H264 = """
            m=video 0 RTP/AVP 96
            c=IN IP4 0.0.0.0
            a=rtpmap:96 H264/90000
            a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0LAFtoCgL/lwFqDAwNSgAAAAwCAAAAPR4sXUA==,aM48gA==;profile-level-id=42c016
            a=control:stream=0
            """;

    private static final String AAC_HBR = """
            m=audio 0 RTP/AVP 97
            c=IN IP4 0.0.0.0
            a=rtpmap:97 MPEG4-GENERIC/48000/1
            a=fmtp:97 streamtype=5;profile-level-id=2;mode=AAC-hbr;config=1188;sizelength=13;indexlength=3;indexdeltalength=3
            a=control:stream=1
            """;

    @Test
    void audioCodecForPeople() throws StreamProbeException {
        assertEquals("AAC", Sdp.audioCodec(crlf(HEADER + H264 + AAC_HBR)).orElseThrow());
        assertTrue(Sdp.audioCodec(crlf(HEADER + H264)).isEmpty());
        assertEquals("G.711 µ-law", Sdp.audioCodec(HEADER + H264 + "m=audio 0 RTP/AVP 0\n").orElseThrow(),
                "a static payload type without rtpmap");
        assertEquals("OPUS", Sdp.audioCodec(HEADER + H264 + "m=audio 0 RTP/AVP 111\na=rtpmap:111 opus/48000/2\n").orElseThrow());
    }

    @Test
    void noVideoAndUnsupportedCodecsSayWhich() {
        StreamProbeException none = assertThrows(StreamProbeException.class, () -> Sdp.parse(HEADER + AAC_HBR));
        assertEquals(StreamProbeException.Kind.NO_VIDEO, none.kind());
        StreamProbeException mjpeg = assertThrows(StreamProbeException.class,
                () -> Sdp.parse(HEADER + "m=video 0 RTP/AVP 26\n"));
        assertEquals(StreamProbeException.Kind.UNSUPPORTED, mjpeg.kind());
        assertTrue(mjpeg.getMessage().contains("JPEG"), mjpeg.getMessage());
    }

    @Test
    void h264VideoOnly() throws StreamProbeException {
        SdpMedia media = Sdp.parse(crlf(HEADER + H264));
        assertEquals(new SdpMedia(VideoCodec.H264, AacTrack.NONE, false), media);
        assertFalse(media.recordsAudio());
    }

    @Test
    void h265() throws StreamProbeException {
        String sdp = HEADER + """
                m=video 0 RTP/AVP 96
                a=rtpmap:96 H265/90000
                a=fmtp:96 sprop-vps=QAEMAf//AWAAAAMAkAAAAwAAAwA/ugJA;sprop-pps=RAHAcYMS
                a=control:stream=0
                """;
        assertEquals(VideoCodec.H265, Sdp.parse(sdp).video());
    }

    @Test
    void h264WithAacHbr() throws StreamProbeException {
        SdpMedia media = Sdp.parse(crlf(HEADER + H264 + AAC_HBR));
        assertEquals(new SdpMedia(VideoCodec.H264, AacTrack.MPEG4_GENERIC, false), media);
        assertTrue(media.recordsAudio());
    }

    @Test
    void latmIsAac() throws StreamProbeException {
        String sdp = HEADER + H264 + """
                m=audio 0 RTP/AVP 98
                a=rtpmap:98 MP4A-LATM/48000/1
                a=fmtp:98 profile-level-id=1;object=2;cpresent=0;config=400024203fc0
                """;
        assertEquals(AacTrack.MP4A_LATM, Sdp.parse(sdp).aac());
    }

    @Test
    void g711IsOtherAudioAndNotRecorded() throws StreamProbeException {
        String sdp = HEADER + H264 + """
                m=audio 0 RTP/AVP 0
                a=control:stream=1
                m=application 0 RTP/AVP 107
                a=rtpmap:107 vnd.onvif.metadata/90000
                """;
        assertEquals(new SdpMedia(VideoCodec.H264, AacTrack.NONE, true), Sdp.parse(sdp));
    }

    @Test
    void aacNextToOtherAudio() throws StreamProbeException {
        String sdp = HEADER + H264 + """
                m=audio 0 RTP/AVP 8
                a=rtpmap:8 PCMA/8000
                """ + AAC_HBR;
        assertEquals(new SdpMedia(VideoCodec.H264, AacTrack.MPEG4_GENERIC, true), Sdp.parse(sdp));
    }

    @Test
    void mpeg4GenericThatIsNotAacIsOtherAudio() throws StreamProbeException {
        String sdp = HEADER + H264 + """
                m=audio 0 RTP/AVP 97
                a=rtpmap:97 mpeg4-generic/16000/1
                a=fmtp:97 streamtype=5;mode=CELP-cbr;config=440E00
                """;
        assertEquals(new SdpMedia(VideoCodec.H264, AacTrack.NONE, true), Sdp.parse(sdp));
    }

    @Test
    void encodingNamesAreCaseInsensitive() throws StreamProbeException {
        String sdp = HEADER + """
                m=video 0 RTP/AVP 96
                a=rtpmap:96 h264/90000
                """;
        assertEquals(VideoCodec.H264, Sdp.parse(sdp).video());
    }

    @Test
    void unknownVideoCodecIsRefusedWithItsName() {
        String sdp = HEADER + """
                m=video 0 RTP/AVP 96
                a=rtpmap:96 MP4V-ES/90000
                """;
        StreamProbeException e = assertThrows(StreamProbeException.class, () -> Sdp.parse(sdp));
        assertEquals("unsupported video codec MP4V-ES: only H264 and H265 can be recorded", e.getMessage());
    }

    @Test
    void staticMjpegPayloadIsNamed() {
        StreamProbeException e = assertThrows(StreamProbeException.class,
                () -> Sdp.parse(HEADER + "m=video 0 RTP/AVP 26\n"));
        assertTrue(e.getMessage().contains("JPEG"), e.getMessage());
    }

    @Test
    void noVideoTrack() {
        StreamProbeException e = assertThrows(StreamProbeException.class, () -> Sdp.parse(HEADER + AAC_HBR));
        assertEquals("the camera offers no video track", e.getMessage());
    }

    private static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }
}
