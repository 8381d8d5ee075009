package io.keyframe.gstreamer;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;

/**
 * The few GStreamer and GLib functions that gst1-java-core does not wrap, bound with raw
 * pointers. Every pointer is borrowed (transfer none) unless a comment says otherwise.
 */
interface GstNatives extends Library {

    GstNatives GST = load("gstreamer-1.0", GstNatives.class);

    /** {@code GST_FORMAT_TIME}. */
    int FORMAT_TIME = 3;
    /** {@code GST_CLOCK_TIME_NONE} as a Java long. */
    long CLOCK_TIME_NONE = -1L;

    /** Clock time minus base time of the element (GStreamer 1.18+); {@link #CLOCK_TIME_NONE} without a clock. */
    long gst_element_get_current_running_time(Pointer element);

    /** The sample's buffer, transfer none. */
    Pointer gst_sample_get_buffer(Pointer sample);

    /** The sample's segment, transfer none. */
    Pointer gst_sample_get_segment(Pointer sample);

    long gst_segment_to_running_time(Pointer segment, int format, long position);

    /**
     * Both out parameters are allocated: free {@code gerror} with {@code g_error_free} and
     * {@code debug} with {@code g_free}.
     */
    void gst_message_parse_error(Pointer message, PointerByReference gerror, PointerByReference debug);

    void gst_message_parse_warning(Pointer message, PointerByReference gerror, PointerByReference debug);

    /** Offset of {@code message} in {@code struct GError { GQuark domain; gint code; gchar *message; }}. */
    long GERROR_MESSAGE_OFFSET = 8;

    /** Reads a {@code guint64} field; false if absent or of another type. */
    boolean gst_structure_get_uint64(Pointer structure, String field, LongByReference value);

    void gst_structure_free(Pointer structure);

    /** GObject property access. */
    interface GObjectLib extends Library {

        GObjectLib GOBJECT = load("gobject-2.0", GObjectLib.class);

        /**
         * {@code g_object_get(object, name, &value, NULL)}: a boxed value (such as a GstStructure) is
         * returned as a copy the caller frees.
         */
        void g_object_get(Pointer object, String firstProperty, Object... rest);
    }

    /** GLib memory functions. */
    interface GLib extends Library {

        GLib GLIB = load("glib-2.0", GLib.class);

        /** A copy GLib owns: what a signal handler returning {@code gchar*} must hand over. */
        Pointer g_strdup(String text);

        void g_free(Pointer memory);

        void g_error_free(Pointer error);
    }

    /** {@code gchararray user_function (GstElement *splitmux, guint fragment_id, GstSample *first_sample, gpointer user_data)}. */
    interface FormatLocationFull extends Callback {
        Pointer callback(Pointer splitmux, int fragmentId, Pointer firstSample, Pointer userData);
    }

    private static <T extends Library> T load(String name, Class<T> type) {
        Map<String, Object> options = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");
        try {
            return Native.load(name, type, options);
        } catch (UnsatisfiedLinkError notByShortName) {
            return Native.load("lib" + name + ".so.0", type, options);
        }
    }
}
