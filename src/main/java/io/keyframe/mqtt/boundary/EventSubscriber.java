package io.keyframe.mqtt.boundary;

import io.keyframe.event.control.EventTrigger;
import io.keyframe.mqtt.control.EventMessageHandler;
import io.keyframe.mqtt.control.EventMessages;
import io.keyframe.mqtt.control.MqttConnection;
import io.keyframe.mqtt.entity.MqttSettings;
import io.keyframe.platform.db.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * MQTT triggers: {@code {events_topic}/{camera_id}[/{stream_id}]} with the REST body starts an
 * event, {@code {"end": true, "event_id": 12}} ends one, both with origin {@code mqtt}. The
 * {@code [mqtt]} settings are validated when the application starts (a bad value stops it); the
 * connection is made once the schema is ready, since a trigger before that could not be stored.
 */
@ApplicationScoped
public class EventSubscriber {

    private static final Logger LOG = Logger.getLogger(EventSubscriber.class.getName());

    @Inject
    Config config;

    @Inject
    MqttConnection connection;

    /** Resolvable once the events feature is deployed; until then triggers are logged and dropped. */
    @Inject
    Instance<EventTrigger> triggers;

    private volatile MqttSettings settings;
    private volatile EventMessageHandler handler;

    /** Reads the settings at start-up, so that a bad value stops the application naming the key. */
    void validate(@Observes @Initialized(ApplicationScoped.class) Object started) {
        settings();
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        MqttSettings mqtt;
        try {
            mqtt = settings();
        } catch (RuntimeException e) {
            LOG.severe("MQTT not started: " + e.getMessage());
            return;
        }
        if (!mqtt.enabled()) {
            LOG.info("MQTT is off (mqtt.enabled = false)");
            return;
        }
        handler = new EventMessageHandler(new EventMessages(mqtt.eventsTopic()), this::trigger);
        connection.start(mqtt, message -> handler.handle(message.topic(), message.payload(), message.retained()));
    }

    private Optional<EventTrigger> trigger() {
        return triggers.isResolvable() ? Optional.of(triggers.get()) : Optional.empty();
    }

    synchronized MqttSettings settings() {
        if (settings == null) {
            settings = MqttSettings.from(config);
        }
        return settings;
    }

    /** Triggers carried out and dropped so far, for health. */
    long[] counts() {
        EventMessageHandler current = handler;
        return current == null ? new long[3] : new long[] {current.started(), current.ended(), current.dropped()};
    }
}
