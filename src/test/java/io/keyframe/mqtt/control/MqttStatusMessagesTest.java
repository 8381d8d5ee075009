package io.keyframe.mqtt.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.event.entity.RecordingEvent;
import io.keyframe.mqtt.entity.OutboundMessage;
import io.keyframe.recording.control.SessionState;
import io.keyframe.recording.control.StateChange;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Topics and JSON of what Keyframe publishes; also the reconnect backoff. */
class MqttStatusMessagesTest {

    private final StatusMessages messages = new StatusMessages("keyframe/status");
    private final Instant start = Instant.parse("2026-11-29T08:00:00Z");

    @Test
    void eventStartedAndEnded() {
        RecordingEvent open = new RecordingEvent(12, "door", null, "motion", "door-3", start, null,
                Duration.ofSeconds(5), Duration.ofSeconds(10), "mqtt");
        OutboundMessage started = messages.event(open, true);
        assertEquals("keyframe/status/door/events", started.topic());
        assertFalse(started.retained());
        JsonObject json = json(started);
        assertEquals(12, json.getJsonNumber("event_id").longValue());
        assertEquals("motion", json.getString("event_type"));
        assertEquals("door-3", json.getString("source"));
        assertEquals("2026-11-29T08:00:00Z", json.getString("start"));
        assertTrue(json.isNull("end"));
        assertTrue(json.isNull("stream_id"));
        assertEquals("started", json.getString("state"));

        RecordingEvent closed = new RecordingEvent(12, "door", "main", "motion", null, start, start.plusSeconds(20),
                Duration.ofSeconds(5), Duration.ofSeconds(10), "api");
        JsonObject end = json(messages.event(closed, false));
        assertEquals("2026-11-29T08:00:20Z", end.getString("end"));
        assertEquals("main", end.getString("stream_id"));
        assertTrue(end.isNull("source"));
        assertEquals("ended", end.getString("state"));
    }

    @Test
    void streamStateIsRetained() {
        OutboundMessage state = messages.state("door", "main",
                new StateChange(start, SessionState.RECORDING, SessionState.RECONNECTING, "no data for 10 s"));
        assertEquals("keyframe/status/door/main/state", state.topic());
        assertTrue(state.retained());
        JsonObject json = json(state);
        assertEquals("RECORDING", json.getString("from"));
        assertEquals("RECONNECTING", json.getString("to"));
        assertEquals("no data for 10 s", json.getString("reason"));
        assertEquals("2026-11-29T08:00:00Z", json.getString("at"));
    }

    @Test
    void firstStateHasNoFrom() {
        JsonObject json = json(messages.state("door", "main", new StateChange(start, null, SessionState.CONNECTING, null)));
        assertTrue(json.isNull("from"));
        assertTrue(json.isNull("reason"));
    }

    @Test
    void reconnectBackoffDoublesUpToFiveSeconds() {
        assertEquals(250, MqttConnection.backoffMillis(0));
        assertEquals(500, MqttConnection.backoffMillis(1));
        assertEquals(4000, MqttConnection.backoffMillis(4));
        assertEquals(5000, MqttConnection.backoffMillis(5));
        assertEquals(5000, MqttConnection.backoffMillis(1000));
    }

    private static JsonObject json(OutboundMessage message) {
        return Json.createReader(new ByteArrayInputStream(message.payload())).readObject();
    }
}
