package io.keyframe.sim;

import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Version;

import java.util.List;

/** GStreamer initialisation shared with any other user of gst1-java-core in the same JVM. */
final class GstRuntime {

    private GstRuntime() {
    }

    /** Calls {@code Gst.init} unless someone (the simulator or other code) already did. */
    static void ensureInitialized() {
        // Gst.isInitialized() and Gst.init() are static synchronized: holding the class lock
        // makes check-then-init atomic against other callers that use them.
        synchronized (Gst.class) {
            if (!Gst.isInitialized()) {
                Gst.init(Version.of(1, 16), "keyframe-sim");
            }
        }
    }

    /** Whether an element factory of that name is installed. */
    static boolean hasElement(String name) {
        ensureInitialized();
        try {
            ElementFactory factory = ElementFactory.find(name);
            return factory != null;
        } catch (IllegalArgumentException notInstalled) {
            return false;
        }
    }

    /** The first installed element among {@code names}. */
    static String firstAvailable(List<String> names) {
        return names.stream().filter(GstRuntime::hasElement).findFirst()
                .orElseThrow(() -> new IllegalStateException("none of these GStreamer elements is installed: " + names));
    }
}
