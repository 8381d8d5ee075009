package io.keyframe.sim;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import java.util.Map;

/**
 * JNA bindings of {@code libgstrtspserver-1.0}, plus the few GLib, GObject and GStreamer core
 * functions the simulator needs next to it (nested interfaces, one per native library).
 *
 * <p>Only bindings live here. Every pointer is a raw {@code GObject*}, {@code GstMiniObject*} or
 * GLib structure; ownership follows the C documentation of each function. Strings are passed as
 * UTF-8 whatever the JVM's default charset is.
 */
interface RtspServerLibrary extends Library {

    RtspServerLibrary RTSP = load("gstrtspserver-1.0", RtspServerLibrary.class);

    /** {@code GST_RTSP_AUTH_BASIC}. */
    int AUTH_BASIC = 1;
    /** {@code GST_RTSP_AUTH_DIGEST}. */
    int AUTH_DIGEST = 1 << 1;
    /** {@code GST_RTSP_FILTER_REMOVE}. */
    int FILTER_REMOVE = 0;

    Pointer gst_rtsp_server_new();

    void gst_rtsp_server_set_address(Pointer server, String address);

    void gst_rtsp_server_set_service(Pointer server, String service);

    int gst_rtsp_server_get_bound_port(Pointer server);

    /** Transfer full. */
    Pointer gst_rtsp_server_get_mount_points(Pointer server);

    void gst_rtsp_server_set_auth(Pointer server, Pointer auth);

    /** Returns the id of the listening GSource in {@code context}, 0 when the socket cannot be bound. */
    int gst_rtsp_server_attach(Pointer server, Pointer context);

    /** Returns a GList (free it with {@code g_list_free}) of the clients the filter kept. */
    Pointer gst_rtsp_server_client_filter(Pointer server, ClientFilterFunc func, Pointer userData);

    Pointer gst_rtsp_media_factory_new();

    void gst_rtsp_media_factory_set_launch(Pointer factory, String launch);

    void gst_rtsp_media_factory_set_shared(Pointer factory, int shared);

    void gst_rtsp_media_factory_set_permissions(Pointer factory, Pointer permissions);

    /** Transfer full: the media's top-level bin. */
    Pointer gst_rtsp_media_get_element(Pointer media);

    /** Takes ownership of {@code factory}. */
    void gst_rtsp_mount_points_add_factory(Pointer mounts, String path, Pointer factory);

    Pointer gst_rtsp_auth_new();

    void gst_rtsp_auth_set_supported_methods(Pointer auth, int methods);

    /** Returns a newly allocated {@code gchar*} (free it with {@code g_free}). */
    Pointer gst_rtsp_auth_make_basic(String user, String pass);

    void gst_rtsp_auth_add_basic(Pointer auth, String basic, Pointer token);

    void gst_rtsp_auth_add_digest(Pointer auth, String user, String pass, Pointer token);

    void gst_rtsp_auth_set_default_token(Pointer auth, Pointer token);

    /** Non-variadic alternative to {@code gst_rtsp_token_new} (since 1.14). */
    Pointer gst_rtsp_token_new_empty();

    void gst_rtsp_token_set_string(Pointer token, String field, String value);

    Pointer gst_rtsp_permissions_new();

    /** Non-variadic alternative to {@code gst_rtsp_permissions_add_role} (since 1.14). */
    void gst_rtsp_permissions_add_permission_for_role(Pointer permissions, String role,
                                                       String permission, int allowed);

    /** {@code GstRTSPServerClientFilterFunc}. */
    interface ClientFilterFunc extends Callback {
        int invoke(Pointer server, Pointer client, Pointer userData);
    }

    /** Handler of the factory signal {@code media-configure}. */
    interface MediaConfigureHandler extends Callback {
        void invoke(Pointer factory, Pointer media, Pointer userData);
    }

    /** {@code libglib-2.0}: main context, main loop, sources, lists and memory. */
    interface GLib extends Library {
        GLib GLIB = load("glib-2.0", GLib.class);

        int G_SOURCE_REMOVE = 0;
        int G_PRIORITY_DEFAULT = 0;

        Pointer g_main_context_new();

        void g_main_context_unref(Pointer context);

        Pointer g_main_context_find_source_by_id(Pointer context, int sourceId);

        void g_main_context_invoke_full(Pointer context, int priority, SourceFunc function,
                                        Pointer data, Pointer notify);

        void g_source_destroy(Pointer source);

        Pointer g_main_loop_new(Pointer context, int isRunning);

        void g_main_loop_run(Pointer loop);

        void g_main_loop_quit(Pointer loop);

        void g_main_loop_unref(Pointer loop);

        void g_list_free(Pointer list);

        void g_free(Pointer memory);

        /** {@code GSourceFunc}. */
        interface SourceFunc extends Callback {
            int invoke(Pointer data);
        }
    }

    /** {@code libgobject-2.0}: reference counting and signals. */
    interface GObject extends Library {
        GObject GOBJECT = load("gobject-2.0", GObject.class);

        void g_object_unref(Pointer object);

        NativeLong g_signal_connect_data(Pointer instance, String signal, Callback handler,
                                         Pointer data, Pointer destroyData, int connectFlags);
    }

    /** {@code libgstreamer-1.0}: the core functions used on media pipelines built by the server. */
    interface GstCore extends Library {
        GstCore GST = load("gstreamer-1.0", GstCore.class);

        /** {@code GST_PAD_PROBE_TYPE_BUFFER}. */
        int PAD_PROBE_TYPE_BUFFER = 1 << 4;
        /** {@code GST_PAD_PROBE_OK}. */
        int PAD_PROBE_OK = 1;

        /** Transfer full. */
        Pointer gst_bin_get_by_name(Pointer bin, String name);

        /** Transfer full. */
        Pointer gst_element_get_static_pad(Pointer element, String name);

        NativeLong gst_pad_add_probe(Pointer pad, int mask, PadProbeCallback callback,
                                     Pointer userData, Pointer destroyData);

        void gst_object_unref(Pointer object);

        void gst_mini_object_unref(Pointer miniObject);

        int gst_mini_object_is_writable(Pointer miniObject);

        Pointer gst_mini_object_make_writable(Pointer miniObject);

        /** {@code GstPadProbeCallback}. */
        interface PadProbeCallback extends Callback {
            int invoke(Pointer pad, Pointer info, Pointer userData);
        }
    }

    /**
     * Loads {@code lib<name>.so}, falling back to {@code lib<name>.so.0}: without the -dev
     * packages only the versioned file exists.
     */
    private static <T extends Library> T load(String name, Class<T> type) {
        Map<String, Object> options = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");
        try {
            return Native.load(name, type, options);
        } catch (UnsatisfiedLinkError notFound) {
            return Native.load("lib" + name + ".so.0", type, options);
        }
    }
}
