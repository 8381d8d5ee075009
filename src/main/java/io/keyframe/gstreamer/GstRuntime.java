package io.keyframe.gstreamer;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Version;

/**
 * GStreamer initialisation and its one process-wide service thread. {@code Gst.deinit()} is never
 * called: after it, a redeployed application finds no elements until the JVM restarts (FACTS.md).
 */
final class GstRuntime {

    private static final Logger LOG = Logger.getLogger(GstRuntime.class.getName());

    private GstRuntime() {
    }

    /** Calls {@code Gst.init} unless someone in this class loader already did; thread-safe. */
    static void ensureInitialized() {
        // Gst.isInitialized() and Gst.init() are static synchronized: holding the class lock makes
        // check-then-init atomic against every other caller that uses them.
        synchronized (Gst.class) {
            if (!Gst.isInitialized()) {
                Gst.init(Version.of(1, 16), "keyframe");
                LOG.info(() -> "GStreamer initialised: " + Gst.getVersionString());
            }
        }
    }

    /**
     * Stops the "gstreamer service thread" that runs every bus callback, so a redeploy does not
     * leak it with the old class loader. Call only after every pipeline is in NULL state.
     */
    static void shutdownExecutor(Duration timeout) {
        ScheduledExecutorService executor;
        synchronized (Gst.class) {
            if (!Gst.isInitialized()) {
                return;
            }
            executor = Gst.getExecutor();
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "gstreamer service thread still busy after " + timeout + ", interrupting it");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
