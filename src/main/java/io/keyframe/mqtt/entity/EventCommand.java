package io.keyframe.mqtt.entity;

import io.keyframe.event.entity.EventRequest;

/** What one MQTT trigger message asks for: start an event, or end one. */
public sealed interface EventCommand {

    /** {@code {"event_type": "motion", "source": "door-3", "duration_secs": 20}} on {@code {events_topic}/{camera_id}[/{stream_id}]}. */
    record Start(String cameraId, String streamId, EventRequest request) implements EventCommand {
    }

    /** {@code {"end": true, "event_id": 12}}. */
    record End(long eventId) implements EventCommand {
    }
}
