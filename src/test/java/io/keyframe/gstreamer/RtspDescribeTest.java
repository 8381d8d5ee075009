package io.keyframe.gstreamer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class RtspDescribeTest {

    private static final String SDP = "v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
    private static final String USER = "camera";
    private static final String PASSWORD = "p@ss:w/rd";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void answersADigestChallenge() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer(RtspDescribeTest::digestCamera)) {
            try (RtspDescribe describe = new RtspDescribe(url(server, "/auth"), USER, PASSWORD, TIMEOUT)) {
                assertEquals(SDP, describe.describe());
            }
            assertEquals(2, server.requests().size());
            assertTrue(server.requests().get(0).startsWith("DESCRIBE " + url(server, "/auth") + " RTSP/1.0\r\nCSeq: 1\r\n"));
            assertTrue(server.requests().get(1).contains("Authorization: Digest username=\"camera\""));
        }
    }

    @Test
    void keepsTheConnectionOpenUntilClosed() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer(request -> FakeRtspServer.response("200 OK", request, "", SDP))) {
            RtspDescribe describe = new RtspDescribe(url(server, "/h264"), null, null, TIMEOUT);
            assertEquals(SDP, describe.describe());
            Thread.sleep(200);
            assertEquals(0, server.hangUps(), "the camera keeps the stream for the pipeline's own connection");
            describe.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.hangUps() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, server.hangUps());
        }
    }

    @Test
    void takesCredentialsFromTheUrlAndReconnectsWhenTheCameraClosedAfter401() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer(request -> {
            if (!request.contains("Authorization: ")) {
                return FakeRtspServer.response("401 Unauthorized", request, "WWW-Authenticate: Basic realm=\"cam\"\r\n", "")
                        + FakeRtspServer.CLOSE;
            }
            return request.contains("Authorization: " + RtspAuth.basic(USER, PASSWORD))
                    ? FakeRtspServer.response("200 OK", request, "", SDP)
                    : FakeRtspServer.response("401 Unauthorized", request, "", "");
        })) {
            URI withUserInfo = URI.create("rtsp://camera:p%40ss%3Aw%2Frd@127.0.0.1:" + server.port() + "/basic");
            try (RtspDescribe describe = new RtspDescribe(withUserInfo, null, null, TIMEOUT)) {
                assertEquals(SDP, describe.describe());
            }
            assertEquals(2, server.requests().size());
            assertTrue(server.requests().get(0).startsWith("DESCRIBE rtsp://127.0.0.1:" + server.port() + "/basic RTSP/1.0"),
                    "user information must not be sent in the request line");
        }
    }

    @Test
    void rejectedCredentialsNeverShowThePassword() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer(RtspDescribeTest::digestCamera)) {
            URI url = URI.create("rtsp://127.0.0.1:" + server.port() + "/auth?token=abc");
            StreamProbeException e = assertThrows(StreamProbeException.class,
                    () -> new RtspDescribe(url, USER, "wrong-" + PASSWORD, TIMEOUT).describe());
            assertEquals("DESCRIBE rtsp://127.0.0.1:" + server.port() + "/auth: the camera rejected the credentials (401 Unauthorized)",
                    e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD));
            assertEquals(StreamProbeException.Kind.UNAUTHORIZED, e.kind());
        }
    }

    @Test
    void missingCredentials() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer(RtspDescribeTest::digestCamera)) {
            StreamProbeException e = assertThrows(StreamProbeException.class,
                    () -> new RtspDescribe(url(server, "/auth"), null, null, TIMEOUT).describe());
            assertTrue(e.getMessage().endsWith("the camera requires credentials (401 Unauthorized)"), e.getMessage());
            assertEquals(StreamProbeException.Kind.UNAUTHORIZED, e.kind());
        }
    }

    @Test
    void notFound() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer(request -> FakeRtspServer.response("404 Not Found", request, "", ""))) {
            StreamProbeException e = assertThrows(StreamProbeException.class,
                    () -> new RtspDescribe(url(server, "/nothing"), USER, PASSWORD, TIMEOUT).describe());
            assertTrue(e.getMessage().endsWith("/nothing: no such stream (404 Not Found)"), e.getMessage());
            assertEquals(StreamProbeException.Kind.NOT_FOUND, e.kind());
        }
    }

    @Test
    void silentCameraTimesOut() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer(request -> FakeRtspServer.SILENT)) {
            StreamProbeException e = assertThrows(StreamProbeException.class,
                    () -> new RtspDescribe(url(server, "/h264"), null, null, Duration.ofMillis(300)).describe());
            assertTrue(e.getMessage().endsWith("no answer within 300 ms"), e.getMessage());
            assertEquals(StreamProbeException.Kind.TIMEOUT, e.kind());
        }
    }

    @Test
    void refusedConnection() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        URI url = URI.create("rtsp://127.0.0.1:" + port + "/h264");
        StreamProbeException e = assertThrows(StreamProbeException.class,
                () -> new RtspDescribe(url, null, null, TIMEOUT).describe());
        assertTrue(e.getMessage().endsWith("connection refused"), e.getMessage());
        assertEquals(StreamProbeException.Kind.UNREACHABLE, e.kind());
    }

    @Test
    void closeEndsARunningRequest() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer(request -> FakeRtspServer.SILENT)) {
            RtspDescribe describe = new RtspDescribe(url(server, "/h264"), null, null, Duration.ofSeconds(10));
            Thread canceller = new Thread(() -> {
                sleep(200);
                describe.close();
            });
            canceller.start();
            long started = System.nanoTime();
            StreamProbeException e = assertThrows(StreamProbeException.class, describe::describe);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000);
            assertTrue(e.getMessage().endsWith("cancelled"), e.getMessage());
        }
    }

    @Test
    void onlyRtspUrls() {
        StreamProbeException e = assertThrows(StreamProbeException.class,
                () -> new RtspDescribe(URI.create("http://127.0.0.1/x"), null, null, TIMEOUT).describe());
        assertTrue(e.getMessage().contains("only rtsp://"), e.getMessage());
    }

    /** A camera that wants Digest for user camera / password p@ss:w/rd. */
    private static String digestCamera(String request) {
        String nonce = "95fc83b09d1546a6";
        String realm = "GStreamer RTSP Server";
        String challenge = "WWW-Authenticate: Basic realm=\"" + realm + "\"\r\n"
                + "WWW-Authenticate: Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\"\r\n";
        String authorization = request.lines().filter(l -> l.startsWith("Authorization: Digest ")).findFirst().orElse(null);
        if (authorization == null) {
            return FakeRtspServer.response("401 Unauthorized", request, challenge, "");
        }
        Map<String, String> parameters = RtspAuth.parameters(authorization.substring("Authorization: ".length()));
        String expected = RtspAuth.digestResponse(USER, realm, PASSWORD, "DESCRIBE", parameters.get("uri"), nonce, null, null);
        return expected.equals(parameters.get("response")) && USER.equals(parameters.get("username"))
                ? FakeRtspServer.response("200 OK", request, "", SDP)
                : FakeRtspServer.response("401 Unauthorized", request, challenge, "");
    }

    private static URI url(FakeRtspServer server, String path) {
        return URI.create("rtsp://127.0.0.1:" + server.port() + path);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
