package io.keyframe.mqtt.boundary;

import io.keyframe.event.control.EventEnded;
import io.keyframe.event.control.EventStarted;
import io.keyframe.mqtt.control.MqttConnection;
import io.keyframe.mqtt.control.StatusMessages;
import io.keyframe.mqtt.entity.MqttSettings;
import io.keyframe.recording.control.StreamStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/**
 * Publishes events and stream states to {@code {status_topic_prefix}/...}. Each observer only
 * queues the message ({@link MqttConnection#offer}, never blocking), so the firing side is never
 * held up by the broker. The events may be fired synchronously or asynchronously: both are
 * observed.
 */
@ApplicationScoped
public class StatusPublisher {

    @Inject
    MqttConnection connection;

    private volatile StatusMessages messages;

    void started(@Observes EventStarted started) {
        publishEvent(started.event(), true);
    }

    void startedAsync(@ObservesAsync EventStarted started) {
        publishEvent(started.event(), true);
    }

    void ended(@Observes EventEnded ended) {
        publishEvent(ended.event(), false);
    }

    void endedAsync(@ObservesAsync EventEnded ended) {
        publishEvent(ended.event(), false);
    }

    void stateChanged(@Observes StreamStateChanged changed) {
        publishState(changed);
    }

    void stateChangedAsync(@ObservesAsync StreamStateChanged changed) {
        publishState(changed);
    }

    private void publishEvent(io.keyframe.event.entity.RecordingEvent event, boolean started) {
        StatusMessages status = messages();
        if (status != null) {
            connection.offer(status.event(event, started));
        }
    }

    private void publishState(StreamStateChanged changed) {
        StatusMessages status = messages();
        if (status != null) {
            connection.offer(status.state(changed.cameraId(), changed.streamId(), changed.change()));
        }
    }

    /** Null while MQTT is off or not yet started. */
    private StatusMessages messages() {
        if (messages == null && connection.enabled()) {
            MqttSettings settings = connection.settings();
            messages = new StatusMessages(settings.statusTopicPrefix());
        }
        return messages;
    }
}
