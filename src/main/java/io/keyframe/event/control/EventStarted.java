package io.keyframe.event.control;

import io.keyframe.event.entity.RecordingEvent;

/** CDI event fired after an event has started (committed). */
public record EventStarted(RecordingEvent event) {
}
