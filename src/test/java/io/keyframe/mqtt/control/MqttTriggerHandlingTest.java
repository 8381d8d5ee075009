package io.keyframe.mqtt.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.event.control.EventTrigger;
import io.keyframe.event.entity.EventRequest;
import io.keyframe.event.entity.RecordingEvent;
import io.keyframe.mqtt.control.EventMessageHandler.Outcome;
import io.keyframe.platform.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Good triggers reach the {@link EventTrigger}; bad ones are dropped with one WARNING line and nothing thrown. */
class MqttTriggerHandlingTest {

    private final FakeTrigger trigger = new FakeTrigger();
    private final EventMessageHandler handler = new EventMessageHandler(new EventMessages("keyframe/events"),
            () -> Optional.of(trigger));
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        EventMessageHandler.LOG.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        EventMessageHandler.LOG.removeHandler(capture);
    }

    @Test
    void startsAndEndsWithOriginMqtt() {
        assertEquals(Outcome.STARTED, handle("keyframe/events/door/main", "{\"event_type\": \"motion\", \"source\": \"door-3\", \"duration_secs\": 20}"));
        assertEquals(Outcome.ENDED, handle("keyframe/events/door", "{\"end\": true, \"event_id\": 1}"));
        assertEquals(List.of("start door/main motion door-3 20 mqtt", "end 1 mqtt"), trigger.calls);
        assertEquals(1, handler.started());
        assertEquals(1, handler.ended());
        assertTrue(logged.isEmpty(), "nothing logged at INFO or above for good triggers");
    }

    @Test
    void malformedIsDroppedWithOneWarningAndTheNextGoodOneWorks() {
        assertEquals(Outcome.DROPPED, handle("keyframe/events/door", "{\"event_type\": 5, \"junk\": \"" + "z".repeat(500) + "\"}"));
        assertEquals(1, logged.size());
        LogRecord record = logged.get(0);
        assertEquals(Level.WARNING, record.getLevel());
        String line = record.getMessage();
        assertTrue(line.contains("keyframe/events/door"), line);
        assertTrue(line.contains("event_type must be a string"), line);
        assertTrue(line.contains("{\"event_type\": 5"), line);
        assertTrue(!line.contains("z".repeat(201)) && line.contains("bytes)"), "payload cut to 200 characters: " + line);
        assertTrue(!line.contains("\n"), "one line");
        assertTrue(trigger.calls.isEmpty());

        assertEquals(Outcome.STARTED, handle("keyframe/events/door", "{\"event_type\": \"motion\"}"));
        assertEquals(1, handler.dropped());
    }

    @Test
    void everyKindOfBadMessageIsDroppedNotThrown() {
        assertEquals(Outcome.DROPPED, handle("keyframe/events/door", "not json"));
        assertEquals(Outcome.DROPPED, handle("keyframe/events/../etc", "{}"));
        assertEquals(Outcome.DROPPED, handle("keyframe/events/door\nINFO forged", "{}"));
        assertEquals(Outcome.DROPPED, handle("keyframe/events/unknown", "{\"event_type\": \"motion\"}"));
        assertEquals(Outcome.DROPPED, handle("keyframe/events/off-camera", "{\"event_type\": \"motion\"}"));
        assertEquals(Outcome.DROPPED, handle("keyframe/events/door", "{\"end\": true, \"event_id\": 404}"));
        assertEquals(Outcome.DROPPED, handle("keyframe/events/broken", "{\"event_type\": \"motion\"}"));
        assertEquals(7, logged.size());
        assertTrue(logged.stream().allMatch(r -> r.getLevel() == Level.WARNING && !r.getMessage().contains("\n")));
        assertTrue(logged.get(3).getMessage().contains("404 camera unknown not found"), logged.get(3).getMessage());
        assertTrue(logged.get(4).getMessage().contains("409"), logged.get(4).getMessage());
        assertTrue(logged.get(6).getMessage().contains("IllegalStateException: database down"), logged.get(6).getMessage());
        assertEquals(7, handler.dropped());
    }

    @Test
    void retainedTriggersAreStale() {
        assertEquals(Outcome.DROPPED, handler.handle("keyframe/events/door", bytes("{\"event_type\": \"motion\"}"), true));
        assertTrue(trigger.calls.isEmpty());
        assertTrue(logged.get(0).getMessage().contains("retained"), logged.get(0).getMessage());
    }

    @Test
    void withoutAnEventTriggerMessagesAreDropped() {
        EventMessageHandler none = new EventMessageHandler(new EventMessages("keyframe/events"), Optional::empty);
        EventMessageHandler.LOG.addHandler(capture);
        assertEquals(Outcome.DROPPED, none.handle("keyframe/events/door", bytes("{\"event_type\": \"motion\"}"), false));
        assertTrue(logged.get(0).getMessage().contains("not available"), logged.get(0).getMessage());
    }

    private Outcome handle(String topic, String payload) {
        return handler.handle(topic, bytes(payload), false);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Knows camera {@code door}; {@code off-camera} refuses events, {@code broken} fails like a database outage. */
    private static final class FakeTrigger implements EventTrigger {

        final List<String> calls = new ArrayList<>();

        @Override
        public RecordingEvent start(String cameraId, String streamId, EventRequest request, String origin) {
            switch (cameraId) {
                case "door" -> {
                    calls.add("start " + cameraId + (streamId == null ? "" : "/" + streamId) + " " + request.eventType()
                            + " " + request.source() + " " + request.durationSecs() + " " + origin);
                    return event(calls.size(), cameraId, streamId, request, origin);
                }
                case "off-camera" -> throw ApiException.conflict("camera off-camera is off and accepts no events");
                case "broken" -> throw new IllegalStateException("database down");
                default -> throw ApiException.notFound("camera " + cameraId + " not found");
            }
        }

        @Override
        public RecordingEvent end(long eventId, String origin) {
            if (eventId == 404) {
                throw ApiException.notFound("event 404 not found");
            }
            calls.add("end " + eventId + " " + origin);
            return event(eventId, "door", null, new EventRequest("motion", null, null), origin);
        }

        private static RecordingEvent event(long id, String camera, String stream, EventRequest request, String origin) {
            return new RecordingEvent(id, camera, stream, request.eventType(), request.source(), Instant.EPOCH, null,
                    Duration.ofSeconds(5), Duration.ofSeconds(5), origin);
        }
    }
}
