package io.keyframe.sim;

import com.sun.jna.Pointer;

import java.util.List;

import static io.keyframe.sim.RtspServerLibrary.GLib.GLIB;
import static io.keyframe.sim.RtspServerLibrary.GObject.GOBJECT;
import static io.keyframe.sim.RtspServerLibrary.GstCore.GST;
import static io.keyframe.sim.RtspServerLibrary.RTSP;

/**
 * One listening {@code GstRTSPServer}: created by {@link #start}, torn down by {@link #stop}.
 * A simulator creates a new instance on every (re)start.
 */
final class RtspServerInstance {

    static final String ROLE_USER = "user";
    static final String ROLE_ANONYMOUS = "anonymous";
    private static final String ROLE_FIELD = "media.factory.role";

    /** Drops every client; static so it can never be collected while GLib holds it. */
    private static final RtspServerLibrary.ClientFilterFunc REMOVE_ALL =
            (server, client, userData) -> RtspServerLibrary.FILTER_REMOVE;

    private final GLibMainLoop loop;
    private final Pointer server;
    private final int sourceId;
    private final int boundPort;

    private RtspServerInstance(GLibMainLoop loop, Pointer server, int sourceId, int boundPort) {
        this.loop = loop;
        this.server = server;
        this.sourceId = sourceId;
        this.boundPort = boundPort;
    }

    /**
     * Creates the server with its mounts and attaches it to {@code loop}.
     *
     * @throws IllegalStateException if the address/port cannot be bound
     */
    static RtspServerInstance start(SimulatorConfig config, int port, List<MountDefinition> mounts, GLibMainLoop loop) {
        Pointer server = RTSP.gst_rtsp_server_new();
        RTSP.gst_rtsp_server_set_address(server, config.address());
        RTSP.gst_rtsp_server_set_service(server, Integer.toString(port));
        boolean withAuth = mounts.stream().anyMatch(MountDefinition::authenticated);
        if (withAuth) {
            installAuth(server, config.username(), config.password());
        }
        Pointer mountPoints = RTSP.gst_rtsp_server_get_mount_points(server);
        for (MountDefinition mount : mounts) {
            RTSP.gst_rtsp_mount_points_add_factory(mountPoints, mount.path(), factory(mount, withAuth));
        }
        GOBJECT.g_object_unref(mountPoints);

        int sourceId = RTSP.gst_rtsp_server_attach(server, loop.context());
        if (sourceId == 0) {
            GOBJECT.g_object_unref(server);
            throw new IllegalStateException("cannot listen on " + config.address() + ":" + port + " (port in use?)");
        }
        return new RtspServerInstance(loop, server, sourceId, RTSP.gst_rtsp_server_get_bound_port(server));
    }

    int boundPort() {
        return boundPort;
    }

    /**
     * Closes the listening socket, drops every client (their connections are closed, so
     * a recorder sees the camera go away) and releases the server.
     */
    void stop() {
        loop.run(() -> {
            Pointer source = GLIB.g_main_context_find_source_by_id(loop.context(), sourceId);
            if (source != null) {
                GLIB.g_source_destroy(source); // g_source_remove() would look in the default context
            }
            Pointer kept = RTSP.gst_rtsp_server_client_filter(server, REMOVE_ALL, null);
            if (kept != null) {
                GLIB.g_list_free(kept);
            }
            GOBJECT.g_object_unref(server);
        });
    }

    private static Pointer factory(MountDefinition mount, boolean withAuth) {
        Pointer factory = RTSP.gst_rtsp_media_factory_new();
        RTSP.gst_rtsp_media_factory_set_launch(factory, mount.launch());
        RTSP.gst_rtsp_media_factory_set_shared(factory, mount.shared() ? 1 : 0);
        if (withAuth) {
            Pointer permissions = RTSP.gst_rtsp_permissions_new();
            allow(permissions, ROLE_USER, true);
            // anonymous may always "access" (else the answer is 404, and clients never send
            // credentials); refusing it "construct" answers 401 with the challenges instead
            allow(permissions, ROLE_ANONYMOUS, !mount.authenticated());
            RTSP.gst_rtsp_media_factory_set_permissions(factory, permissions);
            GST.gst_mini_object_unref(permissions);
        }
        if (mount.ptsFromDts()) {
            PtsFromDtsProbe.install(factory);
        }
        return factory;
    }

    private static void allow(Pointer permissions, String role, boolean construct) {
        RTSP.gst_rtsp_permissions_add_permission_for_role(permissions, role, "media.factory.access", 1);
        RTSP.gst_rtsp_permissions_add_permission_for_role(permissions, role, "media.factory.construct",
                construct ? 1 : 0);
    }

    /**
     * Basic and digest authentication for {@code user}; clients without credentials get the
     * {@value #ROLE_ANONYMOUS} role, which the open mounts allow and {@code /auth} does not.
     */
    private static void installAuth(Pointer server, String user, String password) {
        Pointer auth = RTSP.gst_rtsp_auth_new();
        RTSP.gst_rtsp_auth_set_supported_methods(auth, RtspServerLibrary.AUTH_BASIC | RtspServerLibrary.AUTH_DIGEST);

        Pointer userToken = roleToken(ROLE_USER);
        Pointer basic = RTSP.gst_rtsp_auth_make_basic(user, password);
        RTSP.gst_rtsp_auth_add_basic(auth, basic.getString(0, "UTF-8"), userToken);
        GLIB.g_free(basic);
        RTSP.gst_rtsp_auth_add_digest(auth, user, password, userToken);
        GST.gst_mini_object_unref(userToken);

        Pointer anonymousToken = roleToken(ROLE_ANONYMOUS);
        RTSP.gst_rtsp_auth_set_default_token(auth, anonymousToken);
        GST.gst_mini_object_unref(anonymousToken);

        RTSP.gst_rtsp_server_set_auth(server, auth);
        GOBJECT.g_object_unref(auth);
    }

    private static Pointer roleToken(String role) {
        Pointer token = RTSP.gst_rtsp_token_new_empty();
        RTSP.gst_rtsp_token_set_string(token, ROLE_FIELD, role);
        return token;
    }
}
