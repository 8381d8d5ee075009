package io.keyframe.event.control;

import io.keyframe.event.entity.EventRequest;
import io.keyframe.event.entity.RecordingEvent;

/**
 * Starts and ends events: the REST routes, the MQTT subscriber and the UI all come here.
 * Overlapping events on one camera extend one another (the footage kept is the union of their
 * windows). Errors are {@link io.keyframe.platform.rest.ApiException}s: 404 for an unknown camera,
 * stream or event, 409 for an {@code off} camera that does not accept events.
 */
public interface EventTrigger {

    /**
     * @param streamId null for all streams of the camera
     * @param origin   {@code api}, {@code mqtt} or {@code ui}
     */
    RecordingEvent start(String cameraId, String streamId, EventRequest request, String origin);

    /** Ends an open event now; an event that has ended already is returned as it is. */
    RecordingEvent end(long eventId, String origin);
}
