package io.keyframe.sim;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Simulated RTSP IP cameras for demos, integration tests and benchmarks: an in-process
 * gst-rtsp-server (through JNA) with the {@link Mount built-in mounts} and any custom ones.
 *
 * <pre>{@code
 * try (CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15)
 *         .credentials("user", "p@ss:w/rd").start()) {
 *     String url = cameras.url("/h264");                   // rtsp://127.0.0.1:PORT/h264
 *     String secured = cameras.urlWithCredentials("/auth"); // user info percent-encoded
 *     cameras.stop();  // clients are disconnected, the port is closed
 *     cameras.start(); // same port, same URLs
 * }
 * }</pre>
 *
 * <p>Every mount is shared: all clients of a mount read one media pipeline. The simulator runs
 * its own GLib main loop on a daemon thread and initialises GStreamer unless already done.
 * Run {@link #main} to serve cameras from the command line.
 */
public final class CameraSimulator implements AutoCloseable {

    /** Environment variable with the port of {@link #main} (8554 when absent). */
    public static final String PORT_ENV = "KEYFRAME_SIM_PORT";
    /** Environment variables overriding the default credentials of {@code /auth} in {@link #main}. */
    public static final String USER_ENV = "KEYFRAME_SIM_USER";
    public static final String PASSWORD_ENV = "KEYFRAME_SIM_PASSWORD";
    private static final int DEFAULT_MAIN_PORT = 8554;
    private static final long REBIND_TIMEOUT_MILLIS = 5_000;

    private final SimulatorConfig config;
    private List<MountDefinition> mounts;
    private GLibMainLoop loop;
    private RtspServerInstance server;
    private int boundPort;
    private boolean closed;

    /** A simulator for {@code config}, not started yet. */
    public CameraSimulator(SimulatorConfig config) {
        this.config = config;
    }

    /** A builder with defaults: free port, all built-in mounts, 640x360 at 15 fps, default credentials. */
    public static SimulatorConfig.Builder builder() {
        return new SimulatorConfig.Builder();
    }

    /**
     * Starts listening; after a {@link #stop()} it listens again on the same port, so URLs stay
     * valid. The first start with {@link Mount#LOAD1080} may encode its clip (about 2 s of CPU).
     *
     * @return this simulator
     * @throws IllegalStateException if the port cannot be bound
     */
    public synchronized CameraSimulator start() {
        if (closed) {
            throw new IllegalStateException("simulator closed");
        }
        if (server != null) {
            return this;
        }
        GstRuntime.ensureInitialized();
        if (mounts == null) {
            Path clip = config.mounts().contains(Mount.LOAD1080) ? LoopClip.ensure(config.cacheDirectory()) : null;
            mounts = LaunchDescriptions.mounts(config, clip);
        }
        if (loop == null) {
            loop = new GLibMainLoop("keyframe-sim-glib");
        }
        server = boundPort == 0 ? RtspServerInstance.start(config, config.port(), mounts, loop) : rebind();
        boundPort = server.boundPort();
        return this;
    }

    /** The previous port may be held for a moment by clients being closed: retry for a while. */
    private RtspServerInstance rebind() {
        long deadline = System.currentTimeMillis() + REBIND_TIMEOUT_MILLIS;
        while (true) {
            try {
                return RtspServerInstance.start(config, boundPort, mounts, loop);
            } catch (IllegalStateException inUse) {
                if (System.currentTimeMillis() > deadline) {
                    throw inUse;
                }
                sleep(100);
            }
        }
    }

    /**
     * Stops serving: closes the listening socket and drops every connected client, as a camera
     * that goes off-line. {@link #start()} brings it back on the same port.
     */
    public synchronized void stop() {
        if (server != null) {
            RtspServerInstance stopping = server;
            server = null;
            stopping.stop();
        }
    }

    /** Whether the simulator is listening. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops and releases everything, the GLib loop thread included. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            if (loop != null) {
                loop.close();
            }
        }
    }

    /** The listening port (known once started, and kept across stop/start). */
    public synchronized int port() {
        if (boundPort != 0) {
            return boundPort;
        }
        if (config.port() != 0) {
            return config.port();
        }
        throw new IllegalStateException("port 0 is chosen on the first start()");
    }

    /** {@code rtsp://HOST:PORT/mount}; {@code mount} with or without its leading slash. */
    public String url(String mount) {
        return "rtsp://" + host() + ":" + port() + normalize(mount);
    }

    /** The URL of a built-in mount. */
    public String url(Mount mount) {
        return url(mount.path());
    }

    /**
     * The URL with the configured credentials as percent-encoded user info
     * ({@code rtsp://user:p%40ss%3Aw%2Frd@HOST:PORT/auth}). It holds the password: do not log it.
     */
    public String urlWithCredentials(String mount) {
        return "rtsp://" + percentEncode(config.username()) + ":" + percentEncode(config.password())
                + "@" + host() + ":" + port() + normalize(mount);
    }

    /** The configuration. */
    public SimulatorConfig config() {
        return config;
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, as URL user info needs. */
    public static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private String host() {
        String address = config.address();
        return address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
    }

    private static String normalize(String mount) {
        return mount.startsWith("/") ? mount : "/" + mount;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Serves every built-in mount on the port given as first argument, else {@value #PORT_ENV},
     * else 8554; prints one {@code /mount URL} line per mount and runs until SIGTERM or Ctrl-C.
     * Credentials of {@code /auth} come from {@value #USER_ENV}/{@value #PASSWORD_ENV} or the
     * defaults of {@link SimulatorConfig}; the password is never printed.
     */
    public static void main(String[] args) throws InterruptedException {
        String portText = args.length > 0 ? args[0] : System.getenv().getOrDefault(PORT_ENV, "" + DEFAULT_MAIN_PORT);
        String user = System.getenv().getOrDefault(USER_ENV, SimulatorConfig.DEFAULT_USERNAME);
        String password = System.getenv().getOrDefault(PASSWORD_ENV, SimulatorConfig.DEFAULT_PASSWORD);
        CameraSimulator simulator;
        try {
            simulator = builder().port(Integer.parseInt(portText.trim())).credentials(user, password).start();
        } catch (RuntimeException e) {
            System.err.println("camera simulator: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "keyframe-sim-shutdown"));
        for (MountDefinition mount : simulator.mounts) {
            String note = mount.authenticated() ? "  (user " + user + ", password not shown)" : "";
            System.out.println(mount.path() + " " + simulator.url(mount.path()) + note);
        }
        stopped.await();
    }
}
