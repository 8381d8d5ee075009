package io.keyframe.event.control;

import io.keyframe.event.entity.RecordingEvent;

/** CDI event fired after an event has ended (by request or when its duration ran out). */
public record EventEnded(RecordingEvent event) {
}
