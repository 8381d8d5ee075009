package it.io.keyframe.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.Api;
import it.io.keyframe.support.FreePorts;
import it.io.keyframe.support.KeyframeServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * MQTT against a real server and its own mosquitto on a free loopback port, started after the
 * server (which is ready meanwhile, the {@code mqtt} check UP but not connected): a trigger published
 * with {@code mosquitto_pub} becomes an event (row in {@code recording_event}, origin {@code mqtt})
 * within a second and is announced on {@code keyframe/status/{camera}/events}; malformed payloads
 * change nothing and the next good one works; after the broker is killed and restarted on the
 * same port, the server reconnects and re-subscribes by itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MqttIT {

    private static final String CAMERA = "mq" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    /** A second camera: events overlapping on one camera extend each other instead of making rows. */
    private static final String CAMERA_B = CAMERA + "b";
    private static final Duration TRIGGER_TIMEOUT = Duration.ofSeconds(1);

    private static Mosquitto broker;
    private static KeyframeServer server;
    private static Api api;

    @BeforeAll
    static void startBrokerAndServer() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("keyframe.build.dir", "target")));
        broker = new Mosquitto(FreePorts.next(), dir);
        // the server starts, and is ready, while its broker is still away
        server = new KeyframeServer("""
                [mqtt]
                enabled = true
                url = "tcp://127.0.0.1:%d"
                client_id = "keyframe-it-%s"
                """.formatted(broker.port(), CAMERA)).start();
        api = new Api(server);
        assertEquals("UP", mqttHealth().getString("status"));
        awaitConnected(false, Duration.ofSeconds(5));
        broker.start();
        // no camera behind the URL: the stream keeps reconnecting, which events do not mind
        Api.Reply created = api.post("/cameras", Api.camera(CAMERA, "rtsp://127.0.0.1:9/none", "events", null));
        assertEquals(201, created.status(), created.body());
        created = api.post("/cameras", Api.camera(CAMERA_B, "rtsp://127.0.0.1:9/none", "events", null));
        assertEquals(201, created.status(), created.body());
        awaitConnected(true, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopAll() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    @Order(1)
    void triggerStartsAnEventWithinOneSecondAndIsAnnounced() throws Exception {
        try (Mosquitto.Subscription status = broker.subscribe("keyframe/status/#")) {
            awaitSubscribed(status);
            Instant sent = Instant.now();
            broker.publish("keyframe/events/" + CAMERA, "{\"event_type\": \"motion\", \"source\": \"door-3\", \"duration_secs\": 20}");
            long id = await(() -> eventId(CAMERA, "door-3"), TRIGGER_TIMEOUT, "event from the MQTT trigger");
            System.out.println("MQTT trigger to event row: " + Duration.between(sent, Instant.now()).toMillis() + " ms");

            String line = await(() -> status.lines.stream()
                    .filter(l -> l.startsWith("keyframe/status/" + CAMERA + "/events ")).findFirst(),
                    Duration.ofSeconds(5), "event start on keyframe/status/" + CAMERA + "/events; got " + status.lines);
            JsonObject json = Json.createReader(new StringReader(line.substring(line.indexOf(' ') + 1))).readObject();
            assertEquals(id, json.getJsonNumber("event_id").longValue());
            assertEquals("started", json.getString("state"));
            assertEquals("motion", json.getString("event_type"));
            assertEquals("door-3", json.getString("source"));
            assertEquals(JsonValue.ValueType.STRING, json.get("start").getValueType());

            // stream state changes are published too (retained): a manual stop makes one now
            assertEquals(200, api.post("/recording/stop/" + CAMERA, null).status());
            assertEquals(200, api.delete("/recording/override/" + CAMERA).status());
            String state = await(() -> status.lines.stream()
                    .filter(l -> l.startsWith("keyframe/status/" + CAMERA + "/main/state ")).findFirst(),
                    Duration.ofSeconds(10), "a state change on keyframe/status/" + CAMERA + "/main/state; got " + status.lines);
            JsonObject change = Json.createReader(new StringReader(state.substring(state.indexOf(' ') + 1))).readObject();
            assertTrue(change.containsKey("from") && change.containsKey("to") && change.containsKey("reason"), state);
        }
    }

    @Test
    @Order(2)
    void malformedPayloadsChangeNothingAndTheNextGoodOneWorks() throws Exception {
        long before = count();
        broker.publish("keyframe/events/" + CAMERA, "motion please");
        broker.publish("keyframe/events/" + CAMERA, "{\"event_type\": 5}");
        broker.publish("keyframe/events/" + CAMERA, "{\"event_type\": \"motion\", \"duration_secs\": \"twenty\"}");
        broker.publish("keyframe/events/bad.camera", "{\"event_type\": \"motion\"}");
        broker.publish("keyframe/events/nosuchcamera", "{\"event_type\": \"motion\"}");
        broker.publish("keyframe/events/" + CAMERA, "{\"end\": true, \"event_id\": 987654321}");

        broker.publish("keyframe/events/" + CAMERA + "/main", "{\"event_type\": \"alarm\", \"source\": \"after-malformed\"}");
        long id = await(() -> eventId(CAMERA, "after-malformed"), TRIGGER_TIMEOUT, "event after the malformed ones");
        assertEquals(before + 1, count(), "only the good trigger made an event");
        try (Connection db = server.database().connect();
             PreparedStatement query = db.prepareStatement("SELECT stream_id, end_time FROM recording_event WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals("main", row.getString(1));
                assertEquals(null, row.getTimestamp(2), "no duration: open");
            }
        }
        String log = server.logTail(400);
        assertTrue(log.contains("MQTT message on keyframe/events/" + CAMERA + " dropped: payload is not JSON; payload: motion please"), log);
        assertTrue(log.contains("dropped: event_type must be a string"), log);
        assertTrue(log.contains("MQTT message on keyframe/events/bad.camera dropped: camera_id must match"), log);

        broker.publish("keyframe/events/" + CAMERA, "{\"end\": true, \"event_id\": " + id + "}");
        await(() -> ended(id) ? Optional.of(true) : Optional.empty(), TRIGGER_TIMEOUT, "event " + id + " ended");
    }

    @Test
    @Order(3)
    void reconnectsAfterTheBrokerRestarts() throws Exception {
        broker.kill();
        awaitConnected(false, Duration.ofSeconds(10));
        broker.start();
        Instant restarted = Instant.now();
        awaitConnected(true, Duration.ofSeconds(10));
        System.out.println("MQTT reconnected " + Duration.between(restarted, Instant.now()).toMillis() + " ms after the broker restart");
        // the subscription is made on every connect: a new trigger works at once
        long id = awaitPublishing("after-restart");
        assertTrue(id > 0);
        JsonObject mqtt = mqttHealth();
        assertEquals("UP", mqtt.getString("status"));
    }

    /** Publishes until the trigger arrives (the subscribe may trail the connect by a moment), at most 5 s. */
    private static long awaitPublishing(String source) throws Exception {
        Instant deadline = Instant.now().plusSeconds(5);
        while (true) {
            broker.publish("keyframe/events/" + CAMERA_B, "{\"event_type\": \"motion\", \"source\": \"" + source + "\", \"duration_secs\": 5}");
            Optional<Long> id = poll(() -> eventId(CAMERA_B, source), Duration.ofMillis(500));
            if (id.isPresent()) {
                return id.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no event from " + source + " within 5 s of the reconnect\n" + server.logTail(60));
            }
        }
    }

    private static void awaitSubscribed(Mosquitto.Subscription status) throws Exception {
        await(() -> {
            broker.publish("keyframe/status/it-probe", "probe");
            return poll(() -> status.lines.stream().filter(l -> l.startsWith("keyframe/status/it-probe")).findFirst(),
                    Duration.ofMillis(300));
        }, Duration.ofSeconds(10), "mosquitto_sub subscribed");
    }

    private static void awaitConnected(boolean connected, Duration timeout) throws Exception {
        await(() -> mqttHealth().getJsonObject("data").getBoolean("connected") == connected
                ? Optional.of(true) : Optional.empty(), timeout, "mqtt connected = " + connected + " in /health/ready");
    }

    private static JsonObject mqttHealth() throws Exception {
        JsonObject health = Json.createReader(new StringReader(server.get("/health/ready").body())).readObject();
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("mqtt")).findFirst()
                .orElseThrow(() -> new AssertionError("no mqtt check in " + health));
    }

    private static Optional<Long> eventId(String camera, String source) {
        try (Connection db = server.database().connect();
             PreparedStatement query = db.prepareStatement(
                     "SELECT id FROM recording_event WHERE camera_id = ? AND source = ? AND origin = 'mqtt'")) {
            query.setString(1, camera);
            query.setString(2, source);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean ended(long id) {
        try (Connection db = server.database().connect();
             PreparedStatement query = db.prepareStatement("SELECT end_time FROM recording_event WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getTimestamp(1) != null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count() throws SQLException {
        try (Connection db = server.database().connect();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM recording_event WHERE camera_id = ?")) {
            query.setString(1, CAMERA);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @FunctionalInterface
    private interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    private static <T> Optional<T> poll(Probe<T> probe, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent() || Instant.now().isAfter(deadline)) {
                return value;
            }
            Thread.sleep(25);
        }
    }

    private static <T> T await(Probe<T> probe, Duration timeout, String what) throws Exception {
        return poll(probe, timeout).orElseThrow(() -> new AssertionError(what + " not within " + timeout.toMillis()
                + " ms\n" + server.logTail(60)));
    }
}
