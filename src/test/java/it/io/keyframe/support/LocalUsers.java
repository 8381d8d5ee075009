package it.io.keyframe.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code KEYFRAME_SECURITY=local} for tests: a server with the three local users and their test
 * passwords, HTTPS on a free port, and Basic headers for them.
 */
public final class LocalUsers {

    public static final String ADMIN_PASSWORD = "it-admin-Secret-1";
    public static final String OPERATOR_PASSWORD = "it-operator-Secret-2";
    public static final String VIEWER_PASSWORD = "it-viewer-Secret-3";
    public static final String KEYSTORE_PASSWORD = "it-keystore-Secret-4";

    private LocalUsers() {
    }

    /** A server (not started) in local mode with the test users (what every {@link KeyframeServer} is unless told otherwise). */
    public static KeyframeServer server(String toml) {
        return server(toml, ADMIN_PASSWORD, FreePorts.next());
    }

    /** The environment of local mode with the test users, without an HTTPS port (chosen at each start). */
    static java.util.Map<String, String> environment() {
        return java.util.Map.of("KEYFRAME_SECURITY", "local",
                "KEYFRAME_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD,
                "KEYFRAME_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "KEYFRAME_OPERATOR_PASSWORD", OPERATOR_PASSWORD,
                "KEYFRAME_VIEWER_PASSWORD", VIEWER_PASSWORD);
    }

    /** The same, with the admin password as Liberty should see it (plain or {@code {hash}}) and a chosen HTTPS port. */
    public static KeyframeServer server(String toml, String adminPassword, int httpsPort) {
        return new KeyframeServer(toml)
                .env("HTTPS_PORT", Integer.toString(httpsPort))
                .env("KEYFRAME_ADMIN_PASSWORD", adminPassword);
    }

    /** Every secret {@link #server} hands out, to look for in logs and answers. */
    public static List<String> secrets() {
        return List.of(ADMIN_PASSWORD, OPERATOR_PASSWORD, VIEWER_PASSWORD, KEYSTORE_PASSWORD);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
