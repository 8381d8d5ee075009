package io.keyframe.mqtt.boundary;

import io.keyframe.mqtt.control.MqttConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The MQTT link in {@code /health/ready}, always UP: recording does not depend on the broker, so a
 * broker outage must not take the NVR out of service (see src/docs/decisions.md, "MQTT"). The data
 * tells: {@code connected}, the broker, the last error and the message counts.
 */
@Readiness
@ApplicationScoped
public class MqttHealthCheck implements HealthCheck {

    @Inject
    MqttConnection connection;

    @Inject
    EventSubscriber subscriber;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("mqtt").up();
        if (!subscriber.settings().enabled()) {
            return response.withData("enabled", false).build();
        }
        if (!connection.enabled()) {
            return response.withData("enabled", true).withData("connected", false)
                    .withData("last_error", "waiting for the database schema").build();
        }
        long[] triggers = subscriber.counts();
        response.withData("enabled", true)
                .withData("connected", connection.connected())
                .withData("broker", connection.settings().broker().toString())
                .withData("client_id", connection.settings().clientId())
                .withData("received", connection.received())
                .withData("events_started", triggers[0])
                .withData("events_ended", triggers[1])
                .withData("dropped_triggers", triggers[2] + connection.droppedInbound())
                .withData("published", connection.published())
                .withData("dropped_status", connection.droppedOutbound());
        String error = connection.lastError();
        if (error != null && !connection.connected()) {
            response.withData("last_error", error);
        }
        return response.build();
    }
}
