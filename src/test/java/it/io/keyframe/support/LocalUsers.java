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

    /** A server (not started) in local mode with the test users. */
    public static KeyframeServer server(String toml) {
        return server(toml, ADMIN_PASSWORD, FreePorts.next());
    }

    /** The same, with the admin password as Liberty should see it (plain or {@code {hash}}) and a chosen HTTPS port. */
    public static KeyframeServer server(String toml, String adminPassword, int httpsPort) {
        return new KeyframeServer(toml)
                .env("KEYFRAME_SECURITY", "local")
                .env("HTTPS_PORT", Integer.toString(httpsPort))
                .env("KEYFRAME_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD)
                .env("KEYFRAME_ADMIN_PASSWORD", adminPassword)
                .env("KEYFRAME_OPERATOR_PASSWORD", OPERATOR_PASSWORD)
                .env("KEYFRAME_VIEWER_PASSWORD", VIEWER_PASSWORD);
    }

    /** Every secret {@link #server} hands out, to look for in logs and answers. */
    public static List<String> secrets() {
        return List.of(ADMIN_PASSWORD, OPERATOR_PASSWORD, VIEWER_PASSWORD, KEYSTORE_PASSWORD);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
