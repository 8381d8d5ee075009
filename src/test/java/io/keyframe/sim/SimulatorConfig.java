package io.keyframe.sim;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of a {@link CameraSimulator}; build it with {@link CameraSimulator#builder()}.
 *
 * @param address        address the RTSP server listens on ({@code 127.0.0.1} by default)
 * @param port           TCP port, 0 to let the system pick a free one
 * @param video          parameters of the live test-pattern mounts
 * @param mounts         the built-in mounts to serve
 * @param username       user name accepted by {@code /auth}
 * @param password       password accepted by {@code /auth}; never printed ({@link #toString()} masks it)
 * @param cacheDirectory where the pre-encoded clip of {@code /load1080} is generated and kept
 * @param customMounts   extra shared mounts: path to {@code gst_rtsp_media_factory_set_launch} description
 */
public record SimulatorConfig(String address, int port, VideoSettings video, Set<Mount> mounts,
                              String username, String password, Path cacheDirectory,
                              Map<String, String> customMounts) {

    /** Default user name of {@code /auth}. */
    public static final String DEFAULT_USERNAME = "camera";
    /** Default password of {@code /auth}: contains {@code @ : /} on purpose, to exercise URL encoding. */
    public static final String DEFAULT_PASSWORD = "p@ss:w/rd";

    public SimulatorConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (username.isEmpty() || username.contains(":")) {
            throw new IllegalArgumentException("user name must be non-empty and contain no ':'");
        }
        mounts = Collections.unmodifiableSet(mounts.isEmpty() ? EnumSet.noneOf(Mount.class) : EnumSet.copyOf(mounts));
        customMounts = Collections.unmodifiableMap(new LinkedHashMap<>(customMounts));
        if (mounts.isEmpty() && customMounts.isEmpty()) {
            throw new IllegalArgumentException("no mount to serve");
        }
    }

    /** Masks the password. */
    @Override
    public String toString() {
        return "SimulatorConfig[address=" + address + ", port=" + port + ", video=" + video
                + ", mounts=" + mounts + ", username=" + username + ", password=***, cacheDirectory="
                + cacheDirectory + ", customMounts=" + customMounts.keySet() + "]";
    }

    /** Cache directory: system property {@code keyframe.sim.cache}, else {@code <build dir>/sim-cache}. */
    static Path defaultCacheDirectory() {
        String explicit = System.getProperty("keyframe.sim.cache");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return Path.of(System.getProperty("keyframe.build.dir", "target"), "sim-cache");
    }

    /** Builder of {@link SimulatorConfig}; every setting has a default. */
    public static final class Builder {
        private String address = "127.0.0.1";
        private int port;
        private VideoSettings video = VideoSettings.DEFAULT;
        private Set<Mount> mounts = EnumSet.allOf(Mount.class);
        private String username = DEFAULT_USERNAME;
        private String password = DEFAULT_PASSWORD;
        private Path cacheDirectory = defaultCacheDirectory();
        private final Map<String, String> customMounts = new LinkedHashMap<>();

        Builder() {
        }

        /** Listening address, {@code 127.0.0.1} by default ({@code 0.0.0.0} for every interface). */
        public Builder address(String value) {
            this.address = value;
            return this;
        }

        /** Listening port; 0 (the default) picks a free one, kept across {@link CameraSimulator#stop()}/start. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Size and rate of the live mounts, with a 1 s GOP. */
        public Builder h264(int width, int height, int fps) {
            this.video = new VideoSettings(width, height, fps, fps, video.bitrateKbps());
            return this;
        }

        /** All parameters of the live mounts. */
        public Builder video(VideoSettings value) {
            this.video = value;
            return this;
        }

        /** GOP length of the live mounts, in frames. */
        public Builder gopFrames(int frames) {
            this.video = video.withGopFrames(frames);
            return this;
        }

        /** Encoder bit rate of the live mounts, in kbit/s. */
        public Builder bitrateKbps(int kbps) {
            this.video = video.withBitrateKbps(kbps);
            return this;
        }

        /** Serves only these built-in mounts (all of them by default). */
        public Builder mounts(Mount first, Mount... others) {
            this.mounts = EnumSet.of(first, others);
            return this;
        }

        /** Serves only these built-in mounts; may be empty if custom mounts are added. */
        public Builder mounts(Set<Mount> value) {
            this.mounts = value.isEmpty() ? EnumSet.noneOf(Mount.class) : EnumSet.copyOf(value);
            return this;
        }

        /** Credentials of {@code /auth}; the password may contain any character, {@code @ : /} included. */
        public Builder credentials(String user, String pass) {
            this.username = user;
            this.password = pass;
            return this;
        }

        /** Directory of the generated {@code /load1080} clip. */
        public Builder cacheDirectory(Path value) {
            this.cacheDirectory = value;
            return this;
        }

        /**
         * Adds a shared, unauthenticated mount with a launch description in {@code ( ... )} syntax
         * whose payloaders are named {@code pay0}, {@code pay1}...
         */
        public Builder customMount(String path, String launch) {
            customMounts.put(path.startsWith("/") ? path : "/" + path, launch);
            return this;
        }

        /** The configuration. */
        public SimulatorConfig build() {
            return new SimulatorConfig(address, port, video, mounts, username, password, cacheDirectory, customMounts);
        }

        /** Builds the configuration and starts a simulator with it. */
        public CameraSimulator start() {
            CameraSimulator simulator = new CameraSimulator(build());
            try {
                return simulator.start();
            } catch (RuntimeException e) {
                simulator.close();
                throw e;
            }
        }
    }
}
