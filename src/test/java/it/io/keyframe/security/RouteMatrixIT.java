package it.io.keyframe.security;

import static it.io.keyframe.support.LocalUsers.ADMIN_PASSWORD;
import static it.io.keyframe.support.LocalUsers.KEYSTORE_PASSWORD;
import static it.io.keyframe.support.LocalUsers.OPERATOR_PASSWORD;
import static it.io.keyframe.support.LocalUsers.VIEWER_PASSWORD;
import static it.io.keyframe.security.OidcSecurityIT.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.LocalUsers;
import it.io.keyframe.support.SharedServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 9's route matrix, in {@code KEYFRAME_SECURITY=local}: every operation of the OpenAPI document
 * is called anonymously (401), by each role below the one it needs (403) and by that role (2xx). The
 * operations come from {@code /openapi}; the role each one needs comes from {@link #table()}, so a
 * new route that is not in the table fails {@link #theTableCoversExactlyTheDocumentedOperations()}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteMatrixIT {

    private static final String CAMERA = "matrixcam";
    private static final String STREAM = "main";

    /** Roles from least to most; each route names its lowest role, the ones above it may call it too. */
    enum Role {
        ANONYMOUS(null, null), VIEWER("viewer", VIEWER_PASSWORD), OPERATOR("operator", OPERATOR_PASSWORD),
        ADMIN("admin", ADMIN_PASSWORD);

        private final String user;
        private final String password;

        Role(String user, String password) {
            this.user = user;
            this.password = password;
        }

        String authorization() {
            return user == null ? null : basic(user, password);
        }
    }

    /** One concrete request for an operation: path with its parameters filled, query, body. */
    record Call(String path, String json) {
    }

    /** The role an operation needs and how to call it with valid input (one call per route it stands for). */
    record Rule(Role lowest, List<Supplier<Call>> calls) {
        @SafeVarargs
        static Rule of(Role lowest, Supplier<Call>... calls) {
            return new Rule(lowest, List.of(calls));
        }
    }

    private static KeyframeServer server;
    private static CameraSimulator cameras;
    private static long segmentId;
    private static Instant segmentStart;
    private static Instant segmentEnd;
    private static long eventId;
    private static long holdId;

    @BeforeAll
    static void start() throws Exception {
        cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start();
        server = LocalUsers.server(SharedServer.TOML);
        try {
            server.start();
            footage();
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    /** The ids the matrix fills path parameters with: a camera, a recorded segment, an event, a hold. */
    private static void footage() throws InterruptedException {
        expect(201, call("POST", "/cameras", Role.ADMIN, cameraJson()));
        expect(200, call("POST", "/recording/start/" + CAMERA, Role.OPERATOR, null));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> "RECORDING".equals(json(call("GET", "/recording/status/" + CAMERA, Role.VIEWER, null))
                        .getString("state")));
        Thread.sleep(8000);
        expect(200, call("POST", "/recording/stop/" + CAMERA, Role.OPERATOR, null));
        JsonObject segment = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> json(call("GET", "/cameras/" + CAMERA + "/segments?" + range(), Role.VIEWER, null))
                        .getJsonArray("segments"), rows -> !rows.isEmpty())
                .getJsonObject(0);
        segmentId = segment.getJsonNumber("id").longValue();
        segmentStart = Instant.parse(segment.getString("start_time"));
        segmentEnd = Instant.parse(segment.getString("end_time"));
        eventId = json(expect(201, call("POST", "/recording/event/" + CAMERA, Role.OPERATOR,
                "{\"event_type\": \"motion\", \"source\": \"matrix\", \"duration_secs\": 2}")))
                .getJsonNumber("event_id").longValue();
        holdId = json(expect(201, call("POST", "/cameras/" + CAMERA + "/holds", Role.ADMIN, holdJson())))
                .getJsonNumber("id").longValue();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (server != null) {
                server.stop();
                String log = Files.readString(server.messagesLog());
                for (String secret : List.of(ADMIN_PASSWORD, OPERATOR_PASSWORD, VIEWER_PASSWORD, KEYSTORE_PASSWORD)) {
                    assertFalse(log.contains(secret), "a password reached the server log");
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (cameras != null) {
                cameras.close();
            }
        }
    }

    /**
     * Every operation of the API, keyed {@code METHOD /path/{template}} exactly as the OpenAPI document
     * spells it, in the order the matrix calls them: reads first, destructive calls (prune, releases,
     * camera deletion) last.
     */
    private static Map<String, Rule> table() {
        Map<String, Rule> t = new LinkedHashMap<>();
        // viewer: status, catalog, playback, export
        t.put("GET /", rule(Role.VIEWER, "/"));
        t.put("GET /security/whoami", rule(Role.VIEWER, "/security/whoami"));
        t.put("GET /cameras", rule(Role.VIEWER, "/cameras"));
        t.put("GET /cameras/{camera_id}", rule(Role.VIEWER, "/cameras/" + CAMERA));
        t.put("GET /cameras/{camera_id}/schedule", rule(Role.VIEWER, "/cameras/" + CAMERA + "/schedule"));
        t.put("GET /cameras/{camera_id}/segments", rule(Role.VIEWER, () -> "/cameras/" + CAMERA + "/segments?" + range()));
        t.put("GET /cameras/{camera_id}/timeline", rule(Role.VIEWER,
                () -> "/cameras/" + CAMERA + "/timeline?from=" + segmentStart.minusSeconds(3600) + "&to=" + segmentEnd));
        t.put("GET /cameras/{camera_id}/export", rule(Role.VIEWER, () -> "/cameras/" + CAMERA + "/export?" + segmentRange()));
        t.put("HEAD /cameras/{camera_id}/export", rule(Role.VIEWER, () -> "/cameras/" + CAMERA + "/export?" + segmentRange()));
        t.put("GET /status/recording", rule(Role.VIEWER, "/status/recording"));
        t.put("GET /status/recording/{camera_id}", rule(Role.VIEWER, "/status/recording/" + CAMERA));
        t.put("GET /recording/status/{camera_id}", rule(Role.VIEWER, "/recording/status/" + CAMERA));
        t.put("GET /recording/status/{camera_id}/{stream_id}", rule(Role.VIEWER, "/recording/status/" + CAMERA + "/" + STREAM));
        t.put("GET /segments/{id}/file", rule(Role.VIEWER, () -> "/segments/" + segmentId + "/file"));
        t.put("HEAD /segments/{id}/file", rule(Role.VIEWER, () -> "/segments/" + segmentId + "/file"));
        t.put("GET /segments/{id}/rendition/h264", rule(Role.VIEWER, () -> "/segments/" + segmentId + "/rendition/h264"));
        t.put("HEAD /segments/{id}/rendition/h264", rule(Role.VIEWER, () -> "/segments/" + segmentId + "/rendition/h264"));
        t.put("GET /segments/{id}/thumbnail", rule(Role.VIEWER, () -> "/segments/" + segmentId + "/thumbnail"));
        t.put("GET /events", rule(Role.VIEWER, "/events?camera_id=" + CAMERA));
        t.put("GET /events/{id}", rule(Role.VIEWER, () -> "/events/" + eventId));
        t.put("GET /storage", rule(Role.VIEWER, "/storage"));
        // operator: start/stop, events, schedules
        t.put("POST /recording/start/{camera_id}", rule(Role.OPERATOR, "/recording/start/" + CAMERA));
        t.put("POST /recording/start/{camera_id}/{stream_id}", rule(Role.OPERATOR, "/recording/start/" + CAMERA + "/" + STREAM));
        t.put("POST /recording/stop/{camera_id}/{stream_id}", rule(Role.OPERATOR, "/recording/stop/" + CAMERA + "/" + STREAM));
        t.put("POST /recording/stop/{camera_id}", rule(Role.OPERATOR, "/recording/stop/" + CAMERA));
        t.put("DELETE /recording/override/{camera_id}/{stream_id}", rule(Role.OPERATOR, "/recording/override/" + CAMERA + "/" + STREAM));
        t.put("DELETE /recording/override/{camera_id}", rule(Role.OPERATOR, "/recording/override/" + CAMERA));
        t.put("POST /recording/event/{camera_id}", Rule.of(Role.OPERATOR,
                () -> new Call("/recording/event/" + CAMERA, "{\"event_type\": \"motion\", \"duration_secs\": 1}")));
        // {event_id}/end shares this shape: a trigger on the stream, then the end of footage()'s event
        t.put("POST /recording/event/{camera_id}/{stream_id}", Rule.of(Role.OPERATOR,
                () -> new Call("/recording/event/" + CAMERA + "/" + STREAM, "{\"event_type\": \"alarm\", \"duration_secs\": 1}"),
                () -> new Call("/recording/event/" + eventId + "/end", null)));
        t.put("PUT /cameras/{camera_id}/schedule", Rule.of(Role.OPERATOR,
                () -> new Call("/cameras/" + CAMERA + "/schedule", "{\"time_zone\": \"UTC\", \"weekly\": {}}")));
        // admin: cameras, retention, prune, holds, audit
        t.put("POST /cameras", Rule.of(Role.ADMIN, () -> new Call("/cameras", cameraJson().replace(CAMERA, "matrixnew"))));
        t.put("PUT /cameras/{camera_id}", Rule.of(Role.ADMIN, () -> new Call("/cameras/" + CAMERA, cameraJson())));
        t.put("POST /cameras/probe", Rule.of(Role.ADMIN,
                () -> new Call("/cameras/probe", Json.createObjectBuilder().add("url", cameras.url(Mount.H264)).build().toString())));
        t.put("POST /cameras/{camera_id}/probe", Rule.of(Role.ADMIN, () -> new Call("/cameras/" + CAMERA + "/probe", null)));
        t.put("GET /holds", rule(Role.ADMIN, "/holds?camera_id=" + CAMERA));
        t.put("POST /cameras/{camera_id}/holds", Rule.of(Role.ADMIN, () -> new Call("/cameras/" + CAMERA + "/holds", holdJson())));
        t.put("POST /segments/{id}/hold", Rule.of(Role.ADMIN,
                () -> new Call("/segments/" + segmentId + "/hold", "{\"reason\": \"route matrix\"}")));
        t.put("GET /cleanup/status", rule(Role.ADMIN, "/cleanup/status"));
        t.put("GET /cleanup/audit", rule(Role.ADMIN, "/cleanup/audit"));
        t.put("POST /cleanup/run", Rule.of(Role.ADMIN, () -> new Call("/cleanup/run", null)));
        t.put("DELETE /segments/{id}/hold", rule(Role.ADMIN, () -> "/segments/" + segmentId + "/hold"));
        t.put("DELETE /holds/{hold_id}", rule(Role.ADMIN, () -> "/holds/" + holdId));
        t.put("DELETE /recording/prune/{camera_id}/{stream_id}", rule(Role.ADMIN,
                "/recording/prune/" + CAMERA + "/" + STREAM + "?older_than_days=1"));
        t.put("DELETE /recording/prune/{camera_id}", rule(Role.ADMIN, "/recording/prune/" + CAMERA + "?older_than_days=1"));
        t.put("DELETE /cameras/{camera_id}", rule(Role.ADMIN, "/cameras/" + CAMERA));
        return t;
    }

    @Test
    @Order(1)
    void theTableCoversExactlyTheDocumentedOperations() {
        Set<String> documented = documentedOperations();
        Set<String> table = table().keySet();
        Set<String> withoutRoles = new TreeSet<>(documented);
        withoutRoles.removeAll(table);
        Set<String> stale = new TreeSet<>(table);
        stale.removeAll(documented);
        assertTrue(withoutRoles.isEmpty(), "operations in /openapi without an expected role in the matrix: " + withoutRoles);
        assertTrue(stale.isEmpty(), "matrix entries no longer in /openapi: " + stale);
        assertTrue(documented.size() >= 40, "suspiciously few operations: " + documented);
    }

    @Test
    @Order(2)
    void everyOperationRefusesAnonymousAndLowerRolesAndServesItsRole() {
        Set<String> documented = documentedOperations();
        List<String> failures = new ArrayList<>();
        int checks = 0;
        for (Map.Entry<String, Rule> entry : table().entrySet()) {
            String operation = entry.getKey();
            if (!documented.contains(operation)) {
                continue; // reported by the test above
            }
            String method = operation.substring(0, operation.indexOf(' '));
            Rule rule = entry.getValue();
            for (Supplier<Call> next : rule.calls()) {
                checks += check(operation, method, rule.lowest(), next.get(), failures);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " route check(s) failed:\n" + String.join("\n", failures));
        }
        assertTrue(checks >= 3 * documented.size(), "too few checks ran: " + checks);
        // the destructive calls ran, last: the camera is gone
        assertEquals(404, call("GET", "/cameras/" + CAMERA, Role.VIEWER, null).statusCode());
    }

    @Test
    @Order(3)
    void theApiDescriptionIsPublicButNoOperationIs() {
        // /openapi describes an open-source API and carries no data: anonymous by decision (README, Security)
        HttpResponse<String> document = call("GET", "/openapi", Role.ANONYMOUS, null);
        assertEquals(200, document.statusCode());
        assertFalse(document.body().contains(ADMIN_PASSWORD));
        assertEquals(200, call("GET", "/health/ready", Role.ANONYMOUS, null).statusCode());
        assertTrue(table().values().stream().noneMatch(rule -> rule.lowest() == Role.ANONYMOUS),
                "only /health/* and /openapi are anonymous, and neither is an API operation");
    }

    /** Calls {@code call} as every role; returns how many calls it made, adds what went wrong to {@code failures}. */
    private static int check(String operation, String method, Role lowest, Call call, List<String> failures) {
        int checks = 0;
        for (Role role : Role.values()) {
            boolean allowed = role.compareTo(lowest) >= 0;
            // a state-changing call runs once, by its lowest role; reads run for every allowed role
            if (allowed && role != lowest && !isRead(method)) {
                continue;
            }
            int status = call(method, call.path(), role, call.json()).statusCode();
            int refused = role == Role.ANONYMOUS ? 401 : 403;
            boolean ok = allowed ? status >= 200 && status < 300 : status == refused;
            if (!ok) {
                failures.add(operation + " as " + role + " (" + method + " " + call.path() + "): " + status
                        + (allowed ? ", expected 2xx" : ", expected " + refused));
            }
            checks++;
        }
        return checks;
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** {@code METHOD /path} for every operation the server's OpenAPI document lists. */
    private static Set<String> documentedOperations() {
        HttpResponse<String> response;
        try {
            response = server.send(HttpRequest.newBuilder(server.uri("/openapi")).header("Accept", "application/json").GET());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(200, response.statusCode(), response.body());
        JsonObject paths = json(response).getJsonObject("paths");
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonValue> path : paths.entrySet()) {
            for (String method : path.getValue().asJsonObject().keySet()) {
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    private static Rule rule(Role lowest, String path) {
        return Rule.of(lowest, () -> new Call(path, null));
    }

    private static Rule rule(Role lowest, Supplier<String> path) {
        return Rule.of(lowest, () -> new Call(path.get(), null));
    }

    private static String cameraJson() {
        JsonObject stream = Json.createObjectBuilder().add("stream_id", STREAM).add("primary", true)
                .add("url", cameras.url(Mount.H264)).build();
        return Json.createObjectBuilder().add("camera_id", CAMERA).add("name", "Route matrix").add("recording_mode", "off")
                .add("accept_events", true).add("streams", Json.createArrayBuilder().add(stream)).build().toString();
    }

    private static String holdJson() {
        return Json.createObjectBuilder().add("from", segmentStart.toString()).add("to", segmentEnd.toString())
                .add("reason", "route matrix").build().toString();
    }

    private static String range() {
        return "from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
    }

    private static String segmentRange() {
        return "from=" + segmentStart + "&to=" + segmentEnd;
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        return response;
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static HttpResponse<String> call(String method, String path, Role role, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Accept", "*/*");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (role.authorization() != null) {
            request.header("Authorization", role.authorization());
        }
        try {
            return server.send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
