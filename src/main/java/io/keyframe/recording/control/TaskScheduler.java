package io.keyframe.recording.control;

import java.time.Duration;

/** Where sessions run blocking work and timers: a managed executor in the server, a manual one in tests. */
public interface TaskScheduler {

    /** Runs a task soon on another thread. */
    void execute(Runnable task);

    /** Runs a task once after a delay. */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
