package io.keyframe.event.control;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.RecordingMode;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.event.entity.EventRequest;
import io.keyframe.event.entity.RecordingEvent;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.recording.control.StreamManager;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts and ends events for the REST routes, MQTT and the UI. A trigger of the same type on the
 * same camera (and stream scope) while an event runs extends that event instead of adding one;
 * events of other types overlap and their windows add up. After each change the
 * {@link StreamManager} decides again (an {@code off} or {@code scheduled} camera starts
 * recording), and it is asked again when the post-roll of an event is over.
 */
@ApplicationScoped
public class EventService implements EventTrigger {

    private static final Logger LOG = Logger.getLogger(EventService.class.getName());

    @Inject
    CameraStore cameras;

    @Inject
    EventStore store;

    @Inject
    StreamManager manager;

    @Inject
    Clock clock;

    @Inject
    Event<EventStarted> started;

    @Inject
    Event<EventEnded> ended;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile boolean stopping;

    @Override
    public RecordingEvent start(String cameraId, String streamId, EventRequest request, String origin) {
        CameraId camera = CameraId.of(cameraId);
        StreamId stream = streamId == null ? null : StreamId.of(streamId);
        Camera configured = cameras.get(camera);
        if (stream != null && configured.stream(stream).isEmpty()) {
            throw ApiException.notFound("camera " + camera + " has no stream " + stream);
        }
        if (configured.recordingMode() == RecordingMode.OFF && !configured.acceptEvents()) {
            throw ApiException.conflict("camera " + camera + " is off and does not accept events (set accept_events)");
        }
        Instant now = clock.instant();
        Instant end = request.durationSecs() == null ? null : now.plusSeconds(request.durationSecs());
        EventStore.Started result = store.startOrExtend(camera.value(), stream == null ? null : stream.value(),
                request.eventType(), request.source(), now, end, configured.preRollSecs(), configured.postRollSecs(),
                origin);
        RecordingEvent event = result.event();
        LOG.info("camera=" + camera + (stream == null ? "" : " stream=" + stream) + " event " + event.id() + " "
                + event.eventType() + (result.created() ? " started" : " extended") + " by " + origin
                + (event.source() == null ? "" : " source=" + event.source())
                + (event.end() == null ? " (open)" : " until " + event.end()));
        if (result.created()) {
            fire(new EventStarted(event));
        }
        manager.evaluate(camera, "event " + event.eventType());
        if (event.end() != null) {
            later(event.end(), () -> endReached(event.id(), event.end()));
            later(event.keepUntil(), () -> manager.evaluate(camera, "event window over"));
        }
        return event;
    }

    @Override
    public RecordingEvent end(long eventId, String origin) {
        RecordingEvent event = store.find(eventId).orElseThrow(() -> ApiException.notFound("no event " + eventId));
        Instant now = clock.instant();
        if (event.end() != null && !event.end().isAfter(now)) {
            return event;
        }
        RecordingEvent closed = store.setEnd(eventId, now);
        LOG.info("camera=" + closed.cameraId() + " event " + eventId + " " + closed.eventType() + " ended by " + origin);
        fireEnded(closed);
        later(closed.keepUntil(), () -> manager.evaluate(CameraId.of(closed.cameraId()), "event window over"));
        return closed;
    }

    /** A timed event's end: announced once, unless it was extended or ended meanwhile. */
    private void endReached(long id, Instant expectedEnd) {
        store.find(id).filter(e -> expectedEnd.equals(e.end())).ifPresent(this::fireEnded);
    }

    private void fire(EventStarted event) {
        started.fire(event);
        started.fireAsync(event);
    }

    private void fireEnded(RecordingEvent event) {
        EventEnded e = new EventEnded(event);
        ended.fire(e);
        ended.fireAsync(e);
    }

    private void later(Instant at, Runnable task) {
        if (stopping) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 50;
        scheduler.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event follow-up failed: " + e.getMessage(), e);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
