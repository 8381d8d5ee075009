package io.keyframe.mqtt.boundary;

import io.keyframe.event.control.EventEnded;
import io.keyframe.event.control.EventStarted;
import io.keyframe.mqtt.control.MqttConnection;
import io.keyframe.mqtt.control.StatusMessages;
import io.keyframe.mqtt.entity.MqttSettings;
import io.keyframe.recording.control.StreamStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/**
 * Publishes events and stream states to {@code {status_topic_prefix}/...}. The observers are
 * asynchronous (the events side fires each event both ways; only {@code fireAsync} is observed
 * here, so each is published once) and only queue the message ({@link MqttConnection#offer}, never
 * blocking): the firing side is never held up by the broker.
 */
@ApplicationScoped
public class StatusPublisher {

    @Inject
    MqttConnection connection;

    private volatile StatusMessages messages;

    void started(@ObservesAsync EventStarted started) {
        publishEvent(started.event(), true);
    }

    void ended(@ObservesAsync EventEnded ended) {
        publishEvent(ended.event(), false);
    }

    void stateChanged(@ObservesAsync StreamStateChanged changed) {
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
