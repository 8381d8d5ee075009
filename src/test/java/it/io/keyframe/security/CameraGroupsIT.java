package it.io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.segment.Footage;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.LocalUsers;
import it.io.keyframe.support.SharedServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Cameras limited to groups ({@code access_groups}), in {@code local} mode where the users' groups
 * are their roles: camera {@link #GUARDED} is limited to group {@code operator}, {@link #OPEN} is not.
 * Every footage route refuses the viewer on the guarded camera (403, JSON naming the camera, no
 * footage, no path) and serves it on the open one; operator and admin get both. The API validates
 * and returns the groups; the pages do not offer the guarded camera to the viewer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CameraGroupsIT {

    private static final String GUARDED = "guarded";
    private static final String OPEN = "lobbyopen";

    private static final String TOML = SharedServer.TOML + """

            [security]
            download_per_minute = 0
            export_per_minute = 0
            """;

    private static KeyframeServer server;
    private static CameraSimulator simulator;
    private static Api admin;
    private static final Map<String, JsonObject> SEGMENT = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        simulator = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start();
        server = LocalUsers.server(TOML);
        try {
            server.start();
            admin = new Api(server);
            var created = admin.post("/cameras", withGroups(Api.camera(GUARDED, simulator.url(Mount.H264), "off", null),
                    Json.createArrayBuilder().add("operator")));
            assertEquals(201, created.status(), created.body());
            Footage.camera(admin, OPEN, simulator.url(Mount.H264));
            for (String camera : List.of(GUARDED, OPEN)) {
                Footage.start(admin, camera);
            }
            Thread.sleep(8_000);
            for (String camera : List.of(GUARDED, OPEN)) {
                Footage.stop(admin, camera);
            }
            for (String camera : List.of(GUARDED, OPEN)) {
                SEGMENT.put(camera, Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                        .until(() -> Footage.rows(admin, camera), rows -> !rows.isEmpty()).get(0));
            }
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    @Test
    @Order(1)
    void theApiStoresReturnsAndValidatesTheGroups() {
        assertEquals(List.of("operator"), groups(admin.get("/cameras/" + GUARDED).json()));
        assertEquals(List.of(), groups(admin.get("/cameras/" + OPEN).json()));
        assertTrue(admin.get("/cameras").body().contains("\"access_groups\":[\"operator\"]"));

        String url = simulator.url(Mount.H264);
        String camera = Api.camera("groupcheck", url, "off", null);
        var badName = admin.post("/cameras", withGroups(camera, Json.createArrayBuilder().add("lobby guards")));
        assertEquals(400, badName.status(), badName.body());
        assertTrue(badName.error().startsWith("access_groups: 'lobby guards' is not a group name"), badName.body());
        JsonArrayBuilder many = Json.createArrayBuilder();
        for (int i = 0; i < 33; i++) {
            many.add("group" + i);
        }
        var tooMany = admin.post("/cameras", withGroups(camera, many));
        assertEquals(400, tooMany.status(), tooMany.body());
        assertEquals("access_groups must name at most 32 groups", tooMany.error());
        var notAnArray = admin.post("/cameras", camera.replaceFirst("\\{", "{\"access_groups\": \"operator\", "));
        assertEquals(400, notAnArray.status(), notAnArray.body());
        assertEquals("access_groups must be an array", notAnArray.error());
        var notStrings = admin.post("/cameras", withGroups(camera, Json.createArrayBuilder().add(7)));
        assertEquals(400, notStrings.status(), notStrings.body());
        assertTrue(notStrings.error().startsWith("access_groups must be an array of group names"), notStrings.body());
        assertEquals(404, admin.get("/cameras/groupcheck").status(), "a refused camera is not stored");

        // create, change, clear: PUT replaces the groups like every other field
        var created = admin.post("/cameras", withGroups(camera, Json.createArrayBuilder().add("site-a.night").add("lobby_guards")));
        assertEquals(201, created.status(), created.body());
        assertEquals(List.of("site-a.night", "lobby_guards"), groups(created.json()));
        var changed = admin.put("/cameras/groupcheck", withGroups(camera, Json.createArrayBuilder().add("viewer")));
        assertEquals(200, changed.status(), changed.body());
        assertEquals(List.of("viewer"), groups(admin.get("/cameras/groupcheck").json()));
        var cleared = admin.put("/cameras/groupcheck", camera);
        assertEquals(200, cleared.status(), cleared.body());
        assertEquals(List.of(), groups(admin.get("/cameras/groupcheck").json()));
        assertEquals(204, admin.delete("/cameras/groupcheck").status());
        // only admins change them
        assertEquals(403, admin.asLocalUser("operator").put("/cameras/" + GUARDED,
                withGroups(Api.camera(GUARDED, url, "off", null), Json.createArrayBuilder())).status());
    }

    /** Every footage route, as a path for a camera (its first segment, its time range). */
    private static Map<String, Function<String, String>> footageRoutes() {
        Map<String, Function<String, String>> routes = new LinkedHashMap<>();
        routes.put("GET /segments/{id}/file", c -> "/segments/" + id(c) + "/file");
        routes.put("HEAD /segments/{id}/file", c -> "/segments/" + id(c) + "/file");
        routes.put("GET /segments/{id}/file?format=h264", c -> "/segments/" + id(c) + "/file?format=h264");
        routes.put("GET /segments/{id}/rendition/h264", c -> "/segments/" + id(c) + "/rendition/h264");
        routes.put("HEAD /segments/{id}/rendition/h264", c -> "/segments/" + id(c) + "/rendition/h264");
        routes.put("GET /segments/{id}/thumbnail", c -> "/segments/" + id(c) + "/thumbnail");
        routes.put("HEAD /segments/{id}/thumbnail", c -> "/segments/" + id(c) + "/thumbnail");
        routes.put("GET /cameras/{camera_id}/export", c -> "/cameras/" + c + "/export?" + range(c));
        routes.put("HEAD /cameras/{camera_id}/export", c -> "/cameras/" + c + "/export?" + range(c));
        routes.put("GET /cameras/{camera_id}/segments", c -> "/cameras/" + c + "/segments?" + range(c));
        routes.put("GET /cameras/{camera_id}/timeline", c -> "/cameras/" + c + "/timeline?from="
                + start(c).minusSeconds(3600) + "&to=" + end(c));
        return routes;
    }

    @Test
    @Order(2)
    void everyFootageRouteRefusesAViewerOutsideTheCamerasGroups() {
        List<String> failures = new ArrayList<>();
        int checks = 0;
        for (Map.Entry<String, Function<String, String>> route : footageRoutes().entrySet()) {
            String method = route.getKey().substring(0, route.getKey().indexOf(' '));
            for (String user : List.of("viewer", "operator", "admin")) {
                for (String camera : List.of(GUARDED, OPEN)) {
                    String path = route.getValue().apply(camera);
                    HttpResponse<String> answer = call(method, path, user, null);
                    boolean allowed = !(user.equals("viewer") && camera.equals(GUARDED));
                    checks++;
                    if (allowed && (answer.statusCode() < 200 || answer.statusCode() > 299)) {
                        failures.add(route.getKey() + " as " + user + " on " + camera + ": " + answer.statusCode()
                                + ", expected 2xx: " + answer.body());
                    } else if (!allowed) {
                        String problem = refusalProblem(method, answer, camera);
                        if (problem != null) {
                            failures.add(route.getKey() + " as " + user + " on " + camera + ": " + problem);
                        }
                    }
                }
            }
            // nobody signed in: the role check answers first, as on every route
            int anonymous = call(method, route.getValue().apply(GUARDED), null, null).statusCode();
            if (anonymous != 401) {
                failures.add(route.getKey() + " anonymous on " + GUARDED + ": " + anonymous + ", expected 401");
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + checks + " footage checks failed:\n" + String.join("\n", failures));
        }
        assertEquals(footageRoutes().size() * 6, checks);
    }

    @Test
    @Order(3)
    void conditionalAndRangeRequestsDoNotGetAroundTheCheck() {
        String file = "/segments/" + id(GUARDED) + "/file";
        HttpResponse<String> full = call("GET", file, "operator", null);
        assertEquals(200, full.statusCode());
        String etag = full.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, call("GET", file, "operator", Map.of("If-None-Match", etag)).statusCode());
        assertNull(refusalProblem("GET", call("GET", file, "viewer", Map.of("If-None-Match", etag)), GUARDED));
        assertNull(refusalProblem("GET", call("GET", file, "viewer", Map.of("Range", "bytes=0-99")), GUARDED));
        String thumbnail = "/segments/" + id(GUARDED) + "/thumbnail";
        String thumbTag = call("GET", thumbnail, "admin", null).headers().firstValue("ETag").orElseThrow();
        assertNull(refusalProblem("GET", call("GET", thumbnail, "viewer", Map.of("If-None-Match", thumbTag)), GUARDED));
        // a made-up or malformed segment id answers as before, whoever asks
        assertEquals(404, call("GET", "/segments/987654321987/file", "viewer", null).statusCode());
        assertEquals(400, call("GET", "/segments/abc/file", "viewer", null).statusCode());
        assertEquals(404, call("GET", "/cameras/nosuchcamera/segments", "viewer", null).statusCode());
    }

    @Test
    @Order(4)
    void thePagesDoNotOfferTheGuardedCameraToTheViewer() {
        try (Browser browser = Browser.start()) {
            browser.signIn(server, "viewer", LocalUsers.VIEWER_PASSWORD);
            browser.driver().get(server.uri("/ui/dashboard.xhtml").toString());
            wait(browser).until(d -> d.getPageSource().contains(OPEN));
            assertFalse(browser.driver().getPageSource().contains(GUARDED), "the dashboard shows the guarded camera to a viewer");
            assertFalse(browser.driver().getPageSource().contains("/segments/" + id(GUARDED) + "/thumbnail"));

            browser.driver().get(server.uri("/ui/recordings.xhtml?camera=" + GUARDED).toString());
            wait(browser).until(d -> !d.findElements(By.cssSelector("option[value='" + OPEN + "']")).isEmpty());
            assertTrue(browser.driver().findElements(By.cssSelector("option[value='" + GUARDED + "']")).isEmpty(),
                    "the recordings page offers the guarded camera to a viewer");
            assertTrue(browser.driver().getPageSource().contains("You may not see the footage of camera " + GUARDED + "."));
        }
        try (Browser browser = Browser.start()) {
            browser.signIn(server, "operator", LocalUsers.OPERATOR_PASSWORD);
            browser.driver().get(server.uri("/ui/dashboard.xhtml").toString());
            wait(browser).until(d -> d.getPageSource().contains(OPEN) && d.getPageSource().contains(GUARDED));
            browser.driver().get(server.uri("/ui/recordings.xhtml?camera=" + GUARDED).toString());
            wait(browser).until(d -> !d.findElements(By.cssSelector("option[value='" + GUARDED + "']")).isEmpty());
        }
    }

    @Test
    @Order(5)
    void footageOfARemovedCameraIsForAdminsOnly() {
        assertEquals(204, admin.delete("/cameras/" + OPEN).status());
        String file = "/segments/" + id(OPEN) + "/file";
        HttpResponse<String> viewer = call("GET", file, "viewer", null);
        assertEquals(403, viewer.statusCode(), viewer.body());
        assertTrue(json(viewer).getString("error").contains("camera " + OPEN + " is no longer configured"), viewer.body());
        assertEquals(403, call("GET", file, "operator", null).statusCode());
        assertEquals(200, call("GET", file, "admin", null).statusCode());
    }

    /** Null when {@code answer} is a proper refusal: 403, JSON naming the camera, no footage, no file path. */
    private static String refusalProblem(String method, HttpResponse<String> answer, String camera) {
        if (answer.statusCode() != 403) {
            return answer.statusCode() + ", expected 403";
        }
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            return "403 with Content-Type " + type;
        }
        if (method.equals("HEAD")) {
            return answer.body().isEmpty() ? null : "a HEAD refusal with a body";
        }
        JsonObject body = json(answer);
        if (body.getInt("status") != 403 || !body.getString("error").contains("camera " + camera)) {
            return "403 body does not name the camera: " + answer.body();
        }
        if (answer.body().contains(server.recordingRoot().toString()) || answer.body().contains(".mp4")) {
            return "403 body names a file: " + answer.body();
        }
        return null;
    }

    private static void assertNull(String problem) {
        org.junit.jupiter.api.Assertions.assertNull(problem);
    }

    private static WebDriverWait wait(Browser browser) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(20));
    }

    private static long id(String camera) {
        return SEGMENT.get(camera).getJsonNumber("id").longValue();
    }

    private static Instant start(String camera) {
        return Instant.parse(SEGMENT.get(camera).getString("start_time"));
    }

    private static Instant end(String camera) {
        return Instant.parse(SEGMENT.get(camera).getString("end_time"));
    }

    private static String range(String camera) {
        return "from=" + start(camera) + "&to=" + end(camera);
    }

    private static List<String> groups(JsonObject camera) {
        assertNotNull(camera.getJsonArray("access_groups"), camera.toString());
        return camera.getJsonArray("access_groups").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    private static String withGroups(String cameraJson, JsonArrayBuilder groups) {
        JsonObject camera = Json.createReader(new StringReader(cameraJson)).readObject();
        return Json.createObjectBuilder(camera).add("access_groups", groups).build().toString();
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static HttpResponse<String> call(String method, String path, String user, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", LocalUsers.basic(user, switch (user) {
                case "admin" -> LocalUsers.ADMIN_PASSWORD;
                case "operator" -> LocalUsers.OPERATOR_PASSWORD;
                default -> LocalUsers.VIEWER_PASSWORD;
            }));
        }
        if (headers != null) {
            headers.forEach(request::header);
        }
        try {
            return server.send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
