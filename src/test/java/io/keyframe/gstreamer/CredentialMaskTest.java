package io.keyframe.gstreamer;

import java.net.URI;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CredentialMaskTest {

    private final CredentialMask mask = new CredentialMask("p@ss:w/rd");

    @Test
    void masksUserInfoOfAnyUrl() {
        assertEquals("src: cannot open rtsp://***@10.0.0.5/h264 and http://***@h/x",
                mask.mask("src: cannot open rtsp://admin:other@10.0.0.5/h264 and http://u@h/x"));
    }

    @Test
    void masksThePasswordPlainAndPercentEncoded() {
        assertEquals("bad *** and ***", mask.mask("bad p@ss:w/rd and p%40ss%3Aw%2Frd"));
    }

    @Test
    void nullTextAndNoPassword() {
        assertEquals("", mask.mask(null));
        assertEquals("plain text", new CredentialMask(null).mask("plain text"));
        assertEquals("plain text", new CredentialMask("").mask("plain text"));
    }

    @Test
    void urlHelpersDropUserInfo() {
        URI url = URI.create("rtsp://admin:p%40ss@10.0.0.5:554/Streaming/101?token=secret");
        assertEquals(URI.create("rtsp://10.0.0.5:554/Streaming/101?token=secret"), RtspUrls.withoutUserInfo(url));
        assertEquals("rtsp://10.0.0.5:554/Streaming/101", RtspUrls.forLogs(url));
        assertEquals(new RtspUrls.Credentials("admin", "p@ss"), RtspUrls.userInfo(url).orElseThrow());
        assertEquals("a+b c€", RtspUrls.percentDecode("a+b%20c%E2%82%AC"));
    }
}
