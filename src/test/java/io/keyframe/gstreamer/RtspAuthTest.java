package io.keyframe.gstreamer;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtspAuthTest {

    @Test
    void digestResponseWithQopAuthMatchesRfc2617() {
        // RFC 2617, section 3.5
        assertEquals("6629fae49393a05397450978507c4ef1", RtspAuth.digestResponse("Mufasa", "testrealm@host.com",
                "Circle Of Life", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b"));
    }

    @Test
    void digestResponseWithoutQopIsMd5OfHa1NonceHa2() {
        // HA1 = md5("Mufasa:testrealm@host.com:Circle Of Life"), HA2 = md5("GET:/dir/index.html") from RFC 2617;
        // md5("939e7578ed9e3c518a452acee763bce9:dcd98b7102dd2f0e8b11d0f600bfb0c093:39aff3a2bab6126f332b942af96d3366")
        assertEquals("670fd8c2df070c60b045671b8b24ff02", RtspAuth.digestResponse("Mufasa", "testrealm@host.com",
                "Circle Of Life", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", null, null));
    }

    @Test
    void prefersDigestAndQuotesItsParameters() {
        List<String> challenges = List.of("Basic realm=\"GStreamer RTSP Server\"",
                "Digest realm=\"GStreamer RTSP Server\", nonce=\"95fc83b09d1546a6\"");
        String header = RtspAuth.authorization(challenges, "DESCRIBE", "rtsp://h/auth", "camera", "p@ss:w/rd").orElseThrow();
        String expected = RtspAuth.digestResponse("camera", "GStreamer RTSP Server", "p@ss:w/rd", "DESCRIBE",
                "rtsp://h/auth", "95fc83b09d1546a6", null, null);
        assertEquals("Digest username=\"camera\", realm=\"GStreamer RTSP Server\", nonce=\"95fc83b09d1546a6\","
                + " uri=\"rtsp://h/auth\", response=\"" + expected + "\"", header);
    }

    @Test
    void digestWithQopOpaqueAndAlgorithm() {
        Map<String, String> challenge = RtspAuth.parameters(
                "Digest realm=\"cam\", qop=\"auth,auth-int\", nonce=\"abc\", opaque=\"xyz\", algorithm=MD5");
        String header = RtspAuth.digest(challenge, "DESCRIBE", "rtsp://h/s", "u", "p", "0a4f113b");
        String expected = RtspAuth.digestResponse("u", "cam", "p", "DESCRIBE", "rtsp://h/s", "abc", "00000001", "0a4f113b");
        assertEquals("Digest username=\"u\", realm=\"cam\", nonce=\"abc\", uri=\"rtsp://h/s\", response=\"" + expected
                + "\", opaque=\"xyz\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", algorithm=MD5", header);
    }

    @Test
    void basicWhenOnlyBasicIsOffered() {
        String header = RtspAuth.authorization(List.of("Basic realm=\"x\""), "DESCRIBE", "rtsp://h/s", "Aladdin", "open sesame")
                .orElseThrow();
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", header);
    }

    @Test
    void unsupportedSchemesGiveNothing() {
        assertTrue(RtspAuth.authorization(List.of("Negotiate abc", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256"),
                "DESCRIBE", "rtsp://h/s", "u", "p").isEmpty());
    }

    @Test
    void parsesQuotedAndBareParameters() {
        Map<String, String> parameters = RtspAuth.parameters("Digest realm=\"a, \\\"b\\\"\", nonce=123, stale=FALSE");
        assertEquals("a, \"b\"", parameters.get("realm"));
        assertEquals("123", parameters.get("nonce"));
        assertEquals("FALSE", parameters.get("stale"));
    }
}
