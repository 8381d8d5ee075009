package io.keyframe.recording.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Writes session state changes to {@code stream_state_log} on its own thread, in order. Recording
 * never waits for it: a full queue or a failed write (database down) drops the row with a warning;
 * the timeline then calls that gap's cause "unknown".
 */
@ApplicationScoped
public class StateLogWriter implements StateLog {

    private static final Logger LOG = Logger.getLogger(StateLogWriter.class.getName());
    private static final int CAPACITY = 10_000;

    private record Entry(String cameraId, String streamId, StateChange change) {
    }

    @Inject
    StateLogStore store;

    @Inject
    jakarta.enterprise.event.Event<StreamStateChanged> changes;

    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean running;
    private Thread worker;

    @PostConstruct
    void start() {
        running = true;
        worker = threads.newThread(this::work);
        worker.setName("keyframe-state-log");
        worker.start();
    }

    @Override
    public void record(RecordingTarget target, StateChange change) {
        try {
            // observers (the MQTT status publisher) run on the container's async executor, never here
            changes.fireAsync(new StreamStateChanged(target.cameraId().value(), target.streamId().value(), change));
        } catch (RuntimeException e) {
            LOG.fine("state change not announced: " + e);
        }
        if (!queue.offer(new Entry(target.cameraId().value(), target.streamId().value(), change))) {
            LOG.warning("state log queue full; dropped camera=" + target.cameraId() + " stream=" + target.streamId()
                    + " " + change.from() + " -> " + change.to());
        }
    }

    private void work() {
        while (running || !queue.isEmpty()) {
            Entry entry;
            try {
                entry = queue.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (entry == null) {
                continue;
            }
            try {
                store.insert(entry.cameraId(), entry.streamId(), entry.change());
            } catch (RuntimeException e) {
                LOG.warning("could not log camera=" + entry.cameraId() + " stream=" + entry.streamId() + " "
                        + entry.change().from() + " -> " + entry.change().to() + ": " + e.getMessage());
            }
        }
    }

    /** Writes what is queued (bounded), after the sessions have stopped. */
    @PreDestroy
    void stop() {
        running = false;
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
