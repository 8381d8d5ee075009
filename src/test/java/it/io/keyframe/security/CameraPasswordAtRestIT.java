package it.io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Camera passwords are encrypted at rest: the row holds {@code enc:v1:...}, never the password;
 * recording from the simulator's {@code /auth} mount still works; a plain row left by an earlier
 * version is encrypted at the next start; a wrong key stops start-up naming KEYFRAME_SECRET_KEY;
 * the password is in no response and no log line.
 */
class CameraPasswordAtRestIT {

    /** Unique per run, with {@code @ : /} to exercise URL encoding, so a grep of the log cannot miss it. */
    private static final String PASSWORD = "kf@" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)) + ":p/w";

    @Test
    void storedEncryptedRecordsAndReEncryptsLegacyRows() throws Exception {
        try (CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15)
                .mounts(Mount.AUTH).credentials("camera", PASSWORD).start();
             KeyframeServer server = new KeyframeServer("segment_duration_secs = 4\n")) {
            server.start();
            Api api = new Api(server);
            String extra = "\"username\": \"camera\", \"password\": " + Api.quote(PASSWORD);
            Api.Reply created = api.post("/cameras", Api.camera("vault", cameras.url(Mount.AUTH), "off", extra));
            assertEquals(201, created.status(), created.body());
            assertFalse(created.body().contains(PASSWORD));

            String stored = storedPassword(server);
            assertTrue(stored.startsWith("enc:v1:"), "the column is not encrypted");
            assertFalse(stored.contains(PASSWORD));
            assertFalse(stored.contains("kf@"));

            // the generated key file sits next to the configuration, readable by its owner only
            Path keyFile = server.messagesLog().getParent().getParent().getParent().getParent()
                    .resolve("keyframe-secret.key");
            assertTrue(Files.isRegularFile(keyFile), keyFile.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            String key = Files.readString(keyFile).trim();

            assertRecords(api, server);
            assertFalse(api.get("/cameras/vault").body().contains(PASSWORD));

            // a plain row from before encryption: read as is, encrypted at the next start
            assertEquals(200, api.post("/recording/stop/vault", null).status());
            server.stop();
            setStoredPassword(server, PASSWORD);
            server.start();
            String reEncrypted = storedPassword(server);
            assertTrue(reEncrypted.startsWith("enc:v1:"), "the plain row was not re-encrypted");
            assertNotEquals(stored, reEncrypted);
            assertTrue(Files.readString(server.messagesLog()).contains("encrypted 1 camera password(s)"));
            assertRecords(api, server);
            assertEquals(200, api.post("/recording/stop/vault", null).status());
            server.stop();
            assertEquals(reEncrypted, storedPassword(server), "a second start changed the row (not idempotent)");

            // the same key through the variable works too; a wrong one refuses to start, naming the variable
            server.env("KEYFRAME_SECRET_KEY", key);
            server.start();
            assertEquals(reEncrypted, storedPassword(server));
            server.stop();
            String wrongKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
            server.env("KEYFRAME_SECRET_KEY", wrongKey);
            IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);
            assertTrue(refused.getMessage().contains("KEYFRAME_SECRET_KEY"), refused.getMessage());
            String log = Files.readString(server.messagesLog());
            assertTrue(log.contains("cannot be decrypted with the configured key"), "no clear message in the log");
            assertFalse(log.contains(wrongKey));
            assertFalse(log.contains(key));
            assertFalse(log.contains(reEncrypted.substring("enc:v1:".length())));
            assertNoSecretInLogs(server, key);
            server.stop();
        }
    }

    private static void assertRecords(Api api, KeyframeServer server) {
        Api.Reply started = api.post("/recording/start/vault", null);
        assertEquals(200, started.status(), started.body());
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() ->
                api.get("/recording/status/vault").json().getString("state").equals("RECORDING"));
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() ->
                !api.get("/cameras/vault/segments?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z")
                        .json().getJsonArray("segments").isEmpty());
        assertNoSecretInLogs(server, null);
    }

    private static void assertNoSecretInLogs(KeyframeServer server, String key) {
        try (var files = Files.walk(server.messagesLog().getParent())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(PASSWORD), "the camera password is in " + file.getFileName());
                assertFalse(text.contains(CameraSimulator.percentEncode(PASSWORD)), "the encoded password is in " + file.getFileName());
                if (key != null) {
                    assertFalse(text.contains(key), "the secret key is in " + file.getFileName());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String storedPassword(KeyframeServer server) throws SQLException {
        try (Connection c = server.database().connect();
             PreparedStatement s = c.prepareStatement("SELECT password FROM stream WHERE camera_id = 'vault'");
             ResultSet rs = s.executeQuery()) {
            assertTrue(rs.next(), "no stream row");
            return rs.getString(1);
        }
    }

    private static void setStoredPassword(KeyframeServer server, String value) throws SQLException {
        try (Connection c = server.database().connect();
             PreparedStatement s = c.prepareStatement("UPDATE stream SET password = ? WHERE camera_id = 'vault'")) {
            s.setString(1, value);
            assertEquals(1, s.executeUpdate());
        }
    }
}
