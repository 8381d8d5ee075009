package io.keyframe.mqtt.control;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.event.entity.EventRequest;
import io.keyframe.mqtt.entity.EventCommand;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.JsonInput;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns an MQTT trigger (topic and payload) into an {@link EventCommand}, with the same rules as
 * the REST body: {@code {events_topic}/{camera_id}[/{stream_id}]} and
 * {@code {"event_type": "motion", "source": "door-3", "duration_secs": 20}}, or
 * {@code {"end": true, "event_id": 12}}. Anything else is a {@link MalformedMessage}.
 */
public final class EventMessages {

    /** Larger payloads are not parsed: a trigger is a few dozen bytes. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    private final String eventsTopic;

    /** @param eventsTopic the prefix, e.g. {@code keyframe/events} */
    public EventMessages(String eventsTopic) {
        this.eventsTopic = eventsTopic;
    }

    public EventCommand parse(String topic, byte[] payload) {
        String[] ids = ids(topic);
        JsonObject json = json(payload);
        try {
            Boolean end = JsonInput.bool(json, "end", "");
            if (Boolean.TRUE.equals(end)) {
                JsonValue id = json.get("event_id");
                if (!(id instanceof jakarta.json.JsonNumber n) || !n.isIntegral() || n.bigIntegerValue().signum() <= 0
                        || n.bigIntegerValue().bitLength() > 63) {
                    throw new MalformedMessage("event_id must be a positive whole number");
                }
                return new EventCommand.End(n.longValue());
            }
            return new EventCommand.Start(ids[0], ids[1], EventRequest.parse(json));
        } catch (ApiException e) {
            throw new MalformedMessage(e.getMessage());
        }
    }

    /** {camera_id, stream_id or null}, validated like the REST path. */
    private String[] ids(String topic) {
        if (topic == null || !topic.startsWith(eventsTopic + "/")) {
            throw new MalformedMessage("topic is not under " + eventsTopic + "/");
        }
        String[] levels = topic.substring(eventsTopic.length() + 1).split("/", -1);
        if (levels.length > 2) {
            throw new MalformedMessage("topic must be " + eventsTopic + "/{camera_id}[/{stream_id}]");
        }
        try {
            String camera = CameraId.of(levels[0]).value();
            String stream = levels.length == 2 ? StreamId.of(levels[1]).value() : null;
            return new String[] {camera, stream};
        } catch (ApiException e) {
            throw new MalformedMessage(e.getMessage());
        }
    }

    private static JsonObject json(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new MalformedMessage("payload is larger than " + MAX_PAYLOAD_BYTES + " bytes");
        }
        if (payload.length == 0) {
            throw new MalformedMessage("payload is empty");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessage("payload is not UTF-8");
        }
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new MalformedMessage("payload is not JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedMessage("payload must be a JSON object");
        }
        return value.asJsonObject();
    }

    /** The payload for a log line: control characters escaped, cut to 200 characters. */
    public static String preview(byte[] payload) {
        String text = new String(payload, 0, Math.min(payload.length, 1024), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.length() <= 200 && payload.length <= 1024
                ? out.toString()
                : out.substring(0, Math.min(200, out.length())) + "… (" + payload.length + " bytes)";
    }
}
