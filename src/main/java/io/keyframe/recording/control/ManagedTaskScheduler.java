package io.keyframe.recording.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@link TaskScheduler} on the server's managed scheduled executor. */
@ApplicationScoped
public class ManagedTaskScheduler implements TaskScheduler {

    private static final Logger LOG = Logger.getLogger(ManagedTaskScheduler.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Override
    public void execute(Runnable task) {
        executor.execute(logged(task));
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> future = executor.schedule(logged(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "recording task failed", e);
            }
        };
    }
}
