package io.keyframe.gstreamer;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets listener events through until closed, and never after: {@link #close()} waits for an event
 * being delivered, so once it returns no listener call is running or will run.
 */
final class EventGate {

    private static final Logger LOG = Logger.getLogger(EventGate.class.getName());

    private final Object lock = new Object();
    private final String logIds;
    private boolean closed;

    EventGate(String logIds) {
        this.logIds = logIds;
    }

    /** Runs {@code event} unless closed; a listener's exception is logged, never thrown into GStreamer. */
    void deliver(Runnable event) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                event.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "recorder listener failed " + logIds, e);
            }
        }
    }

    /** Closes the gate; waits for an event in delivery, unless called from inside one. */
    void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }
}
