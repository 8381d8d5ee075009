package io.keyframe.sim;

import com.sun.jna.Pointer;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.keyframe.sim.RtspServerLibrary.GLib.GLIB;

/**
 * A private GLib main context with a {@code GMainLoop} running on a daemon thread.
 *
 * <p>gst1-java-core runs no GLib main loop, and gst-rtsp-server answers clients only from a
 * running one. A private context (rather than the global default one) keeps several simulators
 * and any other GLib user in the same JVM apart.
 */
final class GLibMainLoop implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final Pointer context;
    private final Pointer loop;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Strongly referenced for as long as GLib may call it. */
    private final RtspServerLibrary.GLib.SourceFunc runTasks = data -> {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        return RtspServerLibrary.GLib.G_SOURCE_REMOVE;
    };
    private boolean closed;

    GLibMainLoop(String threadName) {
        context = GLIB.g_main_context_new();
        loop = GLIB.g_main_loop_new(context, 0);
        thread = new Thread(() -> GLIB.g_main_loop_run(loop), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** The {@code GMainContext*} the loop iterates. */
    Pointer context() {
        return context;
    }

    /** Runs {@code work} on the loop thread and waits for its result. */
    <T> T call(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        GLIB.g_main_context_invoke_full(context, RtspServerLibrary.GLib.G_PRIORITY_DEFAULT,
                runTasks, null, null);
        try {
            return result.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the GLib loop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("task on the GLib loop failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("GLib loop did not run the task within " + CALL_TIMEOUT, e);
        }
    }

    /** Runs {@code work} on the loop thread and waits for it. */
    void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Quits the loop (from inside it, so a quit can never be lost) and frees it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        run(() -> GLIB.g_main_loop_quit(loop));
        try {
            thread.join(CALL_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            GLIB.g_main_loop_unref(loop);
            GLIB.g_main_context_unref(context);
        }
    }
}
