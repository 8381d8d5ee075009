package io.keyframe.mqtt.control;

import io.keyframe.event.control.EventTrigger;
import io.keyframe.event.entity.RecordingEvent;
import io.keyframe.mqtt.entity.EventCommand;
import io.keyframe.platform.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Handles one MQTT trigger: parses it and starts or ends the event with origin {@code mqtt}. A
 * message that cannot be carried out (not JSON, wrong types, bad ids, unknown camera, any refusal
 * or failure of the trigger) is dropped with one WARNING line naming the topic, the reason and the
 * payload (cut to 200 characters); nothing is thrown, so the subscription lives on.
 */
public class EventMessageHandler {

    static final Logger LOG = Logger.getLogger(EventMessageHandler.class.getName());
    static final String ORIGIN = "mqtt";

    /** What became of a message. */
    public enum Outcome { STARTED, ENDED, DROPPED }

    private final EventMessages messages;
    private final Supplier<Optional<EventTrigger>> trigger;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** @param trigger empty while no {@link EventTrigger} is deployed */
    public EventMessageHandler(EventMessages messages, Supplier<Optional<EventTrigger>> trigger) {
        this.messages = messages;
        this.trigger = trigger;
    }

    /** @param retained a retained message is a stale command (a broker replays it on every subscribe) */
    public Outcome handle(String topic, byte[] payload, boolean retained) {
        try {
            if (retained) {
                return drop(topic, "retained trigger ignored (publish triggers without the retain flag)", payload);
            }
            EventCommand command = messages.parse(topic, payload);
            Optional<EventTrigger> events = trigger.get();
            if (events.isEmpty()) {
                return drop(topic, "events are not available in this build", payload);
            }
            if (command instanceof EventCommand.Start start) {
                RecordingEvent event = events.get().start(start.cameraId(), start.streamId(), start.request(), ORIGIN);
                started.incrementAndGet();
                LOG.fine(() -> "MQTT " + topic + " started event " + event.id());
                return Outcome.STARTED;
            }
            RecordingEvent event = events.get().end(((EventCommand.End) command).eventId(), ORIGIN);
            ended.incrementAndGet();
            LOG.fine(() -> "MQTT " + topic + " ended event " + event.id());
            return Outcome.ENDED;
        } catch (MalformedMessage e) {
            return drop(topic, e.getMessage(), payload);
        } catch (ApiException e) {
            return drop(topic, e.status() + " " + e.getMessage(), payload);
        } catch (RuntimeException e) {
            // the database may be down: still one line, the stack trace only at FINE
            LOG.log(Level.FINE, "MQTT trigger failed", e);
            return drop(topic, "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), payload);
        }
    }

    private Outcome drop(String topic, String reason, byte[] payload) {
        dropped.incrementAndGet();
        LOG.warning("MQTT message on " + EventMessages.preview(topic.getBytes(StandardCharsets.UTF_8)) + " dropped: " + reason + "; payload: " + EventMessages.preview(payload));
        return Outcome.DROPPED;
    }

    public long started() {
        return started.get();
    }

    public long ended() {
        return ended.get();
    }

    public long dropped() {
        return dropped.get();
    }
}
