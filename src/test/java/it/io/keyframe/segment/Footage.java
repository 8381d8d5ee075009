package it.io.keyframe.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.io.keyframe.support.Api;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** Records real footage for playback tests: a camera in "off" mode, started, left running, stopped. */
public final class Footage {

    private Footage() {
    }

    /** Creates camera {@code id} for {@code url} (recording off), so a test can start and stop it. */
    public static void camera(Api api, String id, String url) {
        var created = api.post("/cameras", Api.camera(id, url, "off", null));
        assertEquals(201, created.status(), created.body());
    }

    /** Starts recording and waits until the session is RECORDING. */
    public static void start(Api api, String id) {
        var started = api.post("/recording/start/" + id, null);
        assertEquals(200, started.status(), started.body());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/recording/status/" + id).json().getString("state").equals("RECORDING"));
    }

    public static void stop(Api api, String id) {
        var stopped = api.post("/recording/stop/" + id, null);
        assertEquals(200, stopped.status(), stopped.body());
    }

    /** Records for {@code seconds}, stops, and returns the rows once at least {@code atLeast} exist. */
    public static List<JsonObject> record(Api api, String id, int seconds, int atLeast) throws InterruptedException {
        start(api, id);
        Thread.sleep(seconds * 1000L);
        stop(api, id);
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> rows(api, id), rows -> rows.size() >= atLeast);
    }

    public static List<JsonObject> rows(Api api, String id) {
        return api.get("/cameras/" + id + "/segments?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z")
                .json().getJsonArray("segments").stream().map(v -> v.asJsonObject()).toList();
    }
}
