package it.io.keyframe.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import io.keyframe.sim.SimulatorConfig;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.FreePorts;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** "Test connection" over REST against simulated cameras: codec, size and rate, or a clear reason; never a secret. */
@ExtendWith(SharedServer.class)
class CameraProbeIT {

    private static final String PASSWORD = SimulatorConfig.DEFAULT_PASSWORD;

    @Test
    void probesCodecSizeRateAndSaysWhyNot(KeyframeServer server) {
        Api api = new Api(server);
        try (CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15)
                .mounts(Mount.H264, Mount.H265, Mount.H264_AAC, Mount.AUTH).start()) {
            JsonObject h264 = probe(api, cameras.url(Mount.H264), null, null);
            assertTrue(h264.getBoolean("ok"), h264.toString());
            assertEquals("H264", h264.getString("video_codec"));
            assertEquals(640, h264.getInt("width"));
            assertEquals(360, h264.getInt("height"));
            assertEquals(15.0, h264.getJsonNumber("frame_rate").doubleValue(), 0.01);
            assertTrue(Api.isNull(h264, "audio_codec"), h264.toString());
            assertTrue(h264.getJsonNumber("elapsed_ms").longValue() < 10_000, h264.toString());

            JsonObject h265 = probe(api, cameras.url(Mount.H265), null, null);
            assertTrue(h265.getBoolean("ok"), h265.toString());
            assertEquals("H265", h265.getString("video_codec"));
            assertEquals(640, h265.getInt("width"));
            assertEquals(360, h265.getInt("height"));

            JsonObject aac = probe(api, cameras.url(Mount.H264_AAC), null, null);
            assertTrue(aac.getBoolean("ok"), aac.toString());
            assertEquals("AAC", aac.getString("audio_codec"));

            // credentials: right ones in the fields, in the URL; wrong and missing ones say so, without the password
            JsonObject auth = probe(api, cameras.url(Mount.AUTH), SimulatorConfig.DEFAULT_USERNAME, PASSWORD);
            assertTrue(auth.getBoolean("ok"), auth.toString());
            assertEquals(360, auth.getInt("height"));
            assertTrue(probe(api, cameras.urlWithCredentials(Mount.AUTH.path()), null, null).getBoolean("ok"));
            JsonObject wrong = probe(api, cameras.url(Mount.AUTH), SimulatorConfig.DEFAULT_USERNAME, PASSWORD + "x");
            assertFalse(wrong.getBoolean("ok"));
            assertEquals("unauthorized", wrong.getString("reason"));
            assertTrue(wrong.getString("error").contains("rejected the credentials"), wrong.toString());
            assertFalse(wrong.toString().contains(PASSWORD), wrong.toString());
            assertEquals("unauthorized", probe(api, cameras.url(Mount.AUTH), null, null).getString("reason"));

            JsonObject missing = probe(api, cameras.url("/nothing-here"), null, null);
            assertEquals("not_found", missing.getString("reason"), missing.toString());

            // a stored camera is probed with its stored credentials; the answer never holds them
            assertEquals(201, api.post("/cameras", Api.camera("probe1", cameras.urlWithCredentials(Mount.AUTH.path()), "off",
                    null)).status());
            Api.Reply stored = api.post("/cameras/probe1/probe", null);
            assertEquals(200, stored.status(), stored.body());
            assertTrue(stored.json().getBoolean("ok"), stored.body());
            assertFalse(stored.body().contains(PASSWORD));
            assertTrue(api.post("/cameras/probe1/probe?stream=main", null).json().getBoolean("ok"));
            assertEquals(404, api.post("/cameras/probe1/probe?stream=other", null).status());
            assertEquals(400, api.post("/cameras/probe1/probe?stream=a.b", null).status());
            assertEquals(404, api.post("/cameras/nosuch/probe", null).status());
            assertEquals(204, api.delete("/cameras/probe1").status());
        }

        int closed = FreePorts.next();
        JsonObject refused = probe(api, "rtsp://127.0.0.1:" + closed + "/h264", "admin", "hunter2");
        assertFalse(refused.getBoolean("ok"));
        assertEquals("unreachable", refused.getString("reason"), refused.toString());
        assertFalse(refused.toString().contains("hunter2"));
        assertTrue(refused.getJsonNumber("elapsed_ms").longValue() < 10_000);

        // bad input is a 400, not a probe
        Api.Reply notRtsp = api.post("/cameras/probe", "{\"url\": \"http://127.0.0.1/x\"}");
        assertEquals(400, notRtsp.status(), notRtsp.body());
        assertTrue(notRtsp.error().contains("rtsp://"), notRtsp.body());
        assertEquals(400, api.post("/cameras/probe", "{}").status());
        assertEquals(400, api.post("/cameras/probe", "{\"url\": \"rtsp://h/x\", \"transport\": \"sctp\"}").status());
    }

    private static JsonObject probe(Api api, String url, String user, String password) {
        var body = Json.createObjectBuilder().add("url", url);
        if (user != null) {
            body.add("username", user);
        }
        if (password != null) {
            body.add("password", password);
        }
        Api.Reply reply = api.post("/cameras/probe", body.build().toString());
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }
}
