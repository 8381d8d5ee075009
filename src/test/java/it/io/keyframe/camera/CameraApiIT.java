package it.io.keyframe.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The camera API and bad input on every route: clear JSON errors, never a 500, never a secret. */
@ExtendWith(SharedServer.class)
class CameraApiIT {

    private static final String SECRET = "s3cr@t:/x";

    @Test
    void createReadUpdateDeleteWithWriteOnlyPasswords(KeyframeServer server) {
        Api api = new Api(server);
        String url = "rtsp://admin:" + "s3cr%40t%3A%2Fx" + "@127.0.0.1:1/cam";
        var created = api.post("/cameras", Api.camera("crud1", url, "off", null));
        assertEquals(201, created.status(), created.body());
        assertFalse(created.body().contains("s3cr"), created.body());
        JsonObject stream = created.json().getJsonArray("streams").getJsonObject(0);
        assertEquals("rtsp://127.0.0.1:1/cam", stream.getString("url"), "credentials are split from the URL");
        assertEquals("admin", stream.getString("username"));
        assertTrue(stream.getBoolean("has_password"));

        var listed = api.get("/cameras");
        assertEquals(200, listed.status());
        assertTrue(listed.body().contains("\"crud1\""));
        assertFalse(listed.body().contains("s3cr"));

        // a PUT without a password keeps the stored one
        var updated = api.put("/cameras/crud1", Api.camera("crud1", "rtsp://127.0.0.1:2/other", "off",
                "\"username\": \"admin\""));
        assertEquals(200, updated.status(), updated.body());
        assertTrue(updated.json().getJsonArray("streams").getJsonObject(0).getBoolean("has_password"));
        assertEquals("rtsp://127.0.0.1:2/other", updated.json().getJsonArray("streams").getJsonObject(0).getString("url"));

        assertEquals(204, api.delete("/cameras/crud1").status());
        assertEquals(404, api.get("/cameras/crud1").status());
    }

    @Test
    void badInputGetsClearErrors(KeyframeServer server) {
        Api api = new Api(server);
        assertEquals(201, api.post("/cameras", Api.camera("bad1", "rtsp://127.0.0.1:1/x", "off", null)).status());

        expect(api.post("/cameras", Api.camera("bad1", "rtsp://127.0.0.1:1/x", "off", null)), 409, "already exists");
        expect(api.post("/cameras", Api.camera("bad id!", "rtsp://127.0.0.1:1/x", "off", null)), 400, "camera_id");
        expect(api.post("/cameras", Api.camera("../etc", "rtsp://127.0.0.1:1/x", "off", null)), 400, "camera_id");
        expect(api.post("/cameras", Api.camera("bad2", "http://127.0.0.1/x", "off", null)), 400, "rtsp://");
        expect(api.post("/cameras", Api.camera("bad2", "rtsp://127.0.0.1:1/x", "sometimes", null)), 400, "recording_mode");
        expect(api.post("/cameras", Api.camera("bad2", "rtsp://127.0.0.1:1/x", "off", "\"transport\": \"sctp\"")), 400, "transport");
        expect(api.post("/cameras", "{\"camera_id\": \"bad2\"}"), 400, "streams");
        expect(api.post("/cameras", "{\"camera_id\": \"bad2\", \"streams\": [{\"stream_id\": \"a\"}]}"), 400, "url");
        expect(api.post("/cameras", "{\"camera_id\": \"bad2\", \"retention_days\": -1, \"streams\": "
                + "[{\"url\": \"rtsp://h/x\"}]}"), 400, "retention_days");
        expect(api.post("/cameras", Api.camera("bad2", "rtsp://127.0.0.1:1/x", "off", "\"retention_days\": 40000")), 400,
                "retention_days of a stream");
        // a stream's own retention is stored and shown
        Api.Reply kept = api.post("/cameras", Api.camera("keep1", "rtsp://127.0.0.1:1/x", "off", "\"retention_days\": 365"));
        assertEquals(201, kept.status(), kept.body());
        assertEquals(365, api.get("/cameras/keep1").json().getJsonArray("streams").getJsonObject(0).getInt("retention_days"));
        expect(api.post("/cameras", "{\"camera_id\": \"bad2\", \"streams\": [{\"stream_id\": \"a\", \"url\": \"rtsp://h/1\","
                + " \"primary\": true}, {\"stream_id\": \"b\", \"url\": \"rtsp://h/2\", \"primary\": true}]}"), 400, "primary");
        expect(api.post("/cameras", "{not json"), 400, "JSON");
        expect(api.post("/cameras", "[1, 2]"), 400, "object");
        expect(api.post("/cameras", "{\"camera_id\": 7, \"streams\": []}"), 400, "camera_id");
        expect(api.put("/cameras/bad1", Api.camera("other", "rtsp://127.0.0.1:1/x", "off", null)), 400, "differs");
        expect(api.put("/cameras/nosuch", Api.camera("nosuch", "rtsp://127.0.0.1:1/x", "off", null)), 404, "no camera");

        for (String verb : new String[] {"start", "stop"}) {
            expect(api.post("/recording/" + verb + "/nosuch", null), 404, "no camera");
            expect(api.post("/recording/" + verb + "/bad1/nostream", null), 404, "no stream");
            expect(api.post("/recording/" + verb + "/bad%20id", null), 400, "camera_id");
            expect(api.post("/recording/" + verb + "/bad1/bad.id", null), 400, "stream_id");
        }
        expect(api.get("/recording/status/nosuch"), 404, "no camera");
        expect(api.get("/recording/status/bad1/x.y"), 400, "stream_id");
        var status = api.get("/recording/status/bad1");
        assertEquals(200, status.status());
        assertEquals("STOPPED", status.json().getString("state"));

        expect(api.get("/cameras/nosuch/segments"), 404, "no camera");
        expect(api.get("/cameras/bad1/segments?from=yesterday"), 400, "from");
        expect(api.get("/cameras/bad1/segments?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), 400, "before");
        expect(api.get("/cameras/bad1/segments?limit=0"), 400, "limit");
        expect(api.get("/cameras/bad1/segments?limit=abc"), 400, "limit");
        expect(api.get("/cameras/bad1/segments?stream_id=a;drop"), 400, "stream_id");
        expect(api.get("/cameras/bad1/segments?event_type=x'y"), 400, "event_type");
        assertEquals(200, api.get("/cameras/bad1/segments").status());
        expect(api.delete("/cameras/nosuch"), 404, "no camera");
    }

    private static void expect(Api.Reply reply, int status, String messagePart) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(status, reply.json().getInt("status"), reply.body());
        assertTrue(reply.error().contains(messagePart), "'" + reply.error() + "' should mention " + messagePart);
    }
}
