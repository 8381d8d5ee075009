package io.keyframe.mqtt.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.event.entity.EventRequest;
import io.keyframe.mqtt.entity.EventCommand;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Topic and payload of an MQTT trigger, as {@link EventMessages} reads them. */
class MqttTriggerParsingTest {

    private final EventMessages messages = new EventMessages("keyframe/events");

    @Test
    void startForACamera() {
        EventCommand command = parse("keyframe/events/door", "{\"event_type\": \"motion\", \"source\": \"door-3\", \"duration_secs\": 20}");
        assertEquals(new EventCommand.Start("door", null, new EventRequest("motion", "door-3", 20)), command);
    }

    @Test
    void startForOneStreamWithoutDurationIsOpen() {
        EventCommand command = parse("keyframe/events/door/main", "{\"event_type\": \"alarm\"}");
        assertEquals(new EventCommand.Start("door", "main", new EventRequest("alarm", null, null)), command);
    }

    @Test
    void missingEventTypeMeansManualLikeRest() {
        assertEquals(new EventCommand.Start("door", null, new EventRequest("manual", null, null)),
                parse("keyframe/events/door", "{}"));
    }

    @Test
    void endByEventId() {
        assertEquals(new EventCommand.End(12), parse("keyframe/events/door", "{\"end\": true, \"event_id\": 12}"));
    }

    @Test
    void endFalseIsAStart() {
        assertEquals(new EventCommand.Start("door", null, new EventRequest("motion", null, null)),
                parse("keyframe/events/door", "{\"end\": false, \"event_type\": \"motion\"}"));
    }

    @Test
    void malformedPayloads() {
        assertMalformed("keyframe/events/door", "motion", "not JSON");
        assertMalformed("keyframe/events/door", "", "empty");
        assertMalformed("keyframe/events/door", "[1, 2]", "JSON object");
        assertMalformed("keyframe/events/door", "{\"event_type\": 5}", "event_type must be a string");
        assertMalformed("keyframe/events/door", "{\"event_type\": \"Motion!\"}", "event_type must be");
        assertMalformed("keyframe/events/door", "{\"event_type\": \"motion\", \"duration_secs\": \"20\"}", "duration_secs must be a whole number");
        assertMalformed("keyframe/events/door", "{\"event_type\": \"motion\", \"duration_secs\": 0}", "duration_secs must be");
        assertMalformed("keyframe/events/door", "{\"event_type\": \"continuous\"}", "reserved");
        assertMalformed("keyframe/events/door", "{\"end\": \"yes\", \"event_id\": 1}", "end must be true or false");
        assertMalformed("keyframe/events/door", "{\"end\": true}", "event_id");
        assertMalformed("keyframe/events/door", "{\"end\": true, \"event_id\": \"12\"}", "event_id");
        assertMalformed("keyframe/events/door", "{\"end\": true, \"event_id\": -1}", "event_id");
        assertMalformed("keyframe/events/door", "{\"end\": true, \"event_id\": 99999999999999999999}", "event_id");
    }

    @Test
    void badTopics() {
        assertMalformed("keyframe/events/bad.camera", "{}", "camera_id must match");
        assertMalformed("keyframe/events/door/bad stream", "{}", "stream_id must match");
        assertMalformed("keyframe/events/door/", "{}", "stream_id must match");
        assertMalformed("keyframe/events/door/main/extra", "{}", "topic must be keyframe/events/{camera_id}[/{stream_id}]");
        assertMalformed("other/door", "{}", "not under keyframe/events/");
    }

    @Test
    void notUtf8AndTooLarge() {
        MalformedMessage e = assertThrows(MalformedMessage.class,
                () -> messages.parse("keyframe/events/door", new byte[] {'{', (byte) 0xff, '}'}));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        byte[] large = ("{\"source\": \"" + "x".repeat(EventMessages.MAX_PAYLOAD_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        e = assertThrows(MalformedMessage.class, () -> messages.parse("keyframe/events/door", large));
        assertTrue(e.getMessage().contains("larger"), e.getMessage());
    }

    @Test
    void previewIsOneLineOfAtMost200Characters() {
        assertEquals("{\\u000a}", EventMessages.preview("{\n}".getBytes(StandardCharsets.UTF_8)));
        String preview = EventMessages.preview("y".repeat(5000).getBytes(StandardCharsets.UTF_8));
        assertEquals("y".repeat(200) + "… (5000 bytes)", preview);
    }

    private EventCommand parse(String topic, String payload) {
        return messages.parse(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private void assertMalformed(String topic, String payload, String reason) {
        MalformedMessage e = assertThrows(MalformedMessage.class, () -> parse(topic, payload), payload);
        assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should mention '" + reason + "'");
    }
}
