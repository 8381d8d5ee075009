package it.io.keyframe.security;

import static it.io.keyframe.support.LocalUsers.ADMIN_PASSWORD;
import static it.io.keyframe.support.LocalUsers.KEYSTORE_PASSWORD;
import static it.io.keyframe.support.LocalUsers.OPERATOR_PASSWORD;
import static it.io.keyframe.support.LocalUsers.VIEWER_PASSWORD;
import static it.io.keyframe.security.OidcSecurityIT.basic;
import static it.io.keyframe.security.OidcSecurityIT.json;
import static it.io.keyframe.security.OidcSecurityIT.roles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.FreePorts;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.LocalUsers;
import it.io.keyframe.support.SharedServer;
import it.io.keyframe.support.TrustAnyCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KEYFRAME_SECURITY=local, the default mode of bin/keyframe: three local users with passwords from
 * the environment, HTTP Basic on the API, HTTPS on a second port with a generated certificate.
 */
class LocalUsersSecurityIT {

    private static KeyframeServer server;
    private static int httpsPort;

    @BeforeAll
    static void start() {
        httpsPort = FreePorts.next();
        // the admin password as bin/keyframe keeps it: a Liberty {hash}, never the password itself
        server = LocalUsers.server(SharedServer.TOML, libertyHash(ADMIN_PASSWORD), httpsPort)
                // on every interface, so that a call can come from an address that is not loopback
                .env("HTTP_HOST", "*");
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (server == null) {
            return;
        }
        try {
            server.stop();
            String log = Files.readString(server.messagesLog());
            for (String secret : List.of(ADMIN_PASSWORD, OPERATOR_PASSWORD, VIEWER_PASSWORD, KEYSTORE_PASSWORD, "wrong-password")) {
                assertFalse(log.contains(secret), "a password reached the server log");
            }
        } finally {
            server.close();
        }
    }

    @Test
    void anonymousCallsAreChallengedButHealthIsOpen() throws IOException {
        HttpResponse<String> whoami = call("GET", "/security/whoami", null);
        assertEquals(401, whoami.statusCode());
        assertTrue(whoami.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "), whoami.headers().toString());
        assertEquals(401, call("GET", "/cleanup/audit", null).statusCode());
        assertEquals(200, call("GET", "/health/ready", null).statusCode());
        assertEquals(200, call("GET", "/health/live", null).statusCode());
    }

    @Test
    void localUsersHaveTheirRoles() throws IOException {
        HttpResponse<String> viewer = call("GET", "/security/whoami", basic("viewer", VIEWER_PASSWORD));
        assertEquals(200, viewer.statusCode(), viewer.body());
        assertEquals("viewer", json(viewer).getString("name"));
        assertEquals(List.of("viewer"), roles(viewer));
        // the cleanup audit is for admins only
        assertEquals(403, call("GET", "/cleanup/audit", basic("viewer", VIEWER_PASSWORD)).statusCode());
        assertEquals(403, call("GET", "/cleanup/audit", basic("operator", OPERATOR_PASSWORD)).statusCode());
        assertEquals(200, call("GET", "/cleanup/audit", basic("admin", ADMIN_PASSWORD)).statusCode());

        HttpResponse<String> admin = call("GET", "/security/whoami", basic("admin", ADMIN_PASSWORD));
        assertEquals(200, admin.statusCode(), admin.body());
        assertEquals(List.of("admin"), roles(admin));
    }

    @Test
    void theControlRoutesEnforceTheirRoles() throws IOException {
        String camera = "{\"camera_id\": \"rolecam\", \"recording_mode\": \"off\", \"streams\": [{\"stream_id\": \"main\","
                + " \"url\": \"rtsp://127.0.0.1:9/none\"}]}";
        assertEquals(401, call("GET", "/cameras", null).statusCode());
        assertEquals(401, call("GET", "/", null).statusCode());
        assertEquals(403, call("POST", "/cameras", basic("viewer", VIEWER_PASSWORD), camera).statusCode());
        assertEquals(403, call("POST", "/cameras", basic("operator", OPERATOR_PASSWORD), camera).statusCode());
        HttpResponse<String> created = call("POST", "/cameras", basic("admin", ADMIN_PASSWORD), camera);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(200, call("GET", "/cameras/rolecam", basic("viewer", VIEWER_PASSWORD)).statusCode());
        assertEquals(403, call("POST", "/recording/start/rolecam", basic("viewer", VIEWER_PASSWORD)).statusCode());
        assertEquals(200, call("POST", "/recording/stop/rolecam", basic("operator", OPERATOR_PASSWORD)).statusCode());
        assertEquals(403, call("GET", "/cleanup/audit", basic("operator", OPERATOR_PASSWORD)).statusCode());
        assertEquals(200, call("GET", "/cleanup/audit", basic("admin", ADMIN_PASSWORD)).statusCode());
        assertEquals(403, call("DELETE", "/cameras/rolecam", basic("operator", OPERATOR_PASSWORD)).statusCode());
        assertEquals(204, call("DELETE", "/cameras/rolecam", basic("admin", ADMIN_PASSWORD)).statusCode());
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefused() throws IOException {
        assertEquals(401, call("GET", "/security/whoami", basic("viewer", "wrong-password")).statusCode());
        assertEquals(401, call("GET", "/security/whoami", basic("admin", VIEWER_PASSWORD)).statusCode());
        assertEquals(401, call("GET", "/security/whoami", basic("root", ADMIN_PASSWORD)).statusCode());
        // Liberty leaves an unset variable as its text; the startup check makes sure it never is one
        assertEquals(401, call("GET", "/security/whoami", basic("admin", "${KEYFRAME_ADMIN_PASSWORD}")).statusCode());
        // no provider in this mode: a Bearer token is no credential
        assertEquals(401, call("GET", "/security/whoami", "Bearer eyJhbGciOiJub25lIn0.e30.").statusCode());
    }

    @Test
    void httpsServesTheApiWithAGeneratedCertificate() throws Exception {
        HttpsURLConnection connection = (HttpsURLConnection) URI.create("https://127.0.0.1:" + httpsPort + "/security/whoami")
                .toURL().openConnection();
        connection.setSSLSocketFactory(trustAll().getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setRequestProperty("Authorization", basic("operator", OPERATOR_PASSWORD));
        connection.setRequestProperty("Accept", "application/json");
        assertEquals(200, connection.getResponseCode());
        Certificate[] chain = connection.getServerCertificates();
        String body;
        try (InputStream in = connection.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(body.contains("\"name\":\"operator\"") && body.contains("\"secure\":true"), body);
        X509Certificate certificate = (X509Certificate) chain[0];
        // Liberty's own self-signed certificate, RSA
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals("RSA", certificate.getPublicKey().getAlgorithm());
        connection.disconnect();
    }

    @Test
    void passwordsCrossTheNetworkOnlyOverTls() throws Exception {
        String address = lanAddress();
        HttpClient client = HttpClient.newHttpClient();
        // plain HTTP from another address: Basic refused with a reason, even with the right password
        HttpResponse<String> clear = client.send(HttpRequest.newBuilder(URI.create("http://" + address + ":"
                        + server.uri("/").getPort() + "/security/whoami"))
                .header("Authorization", basic("operator", OPERATOR_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, clear.statusCode(), clear.body());
        assertTrue(clear.body().contains("only over HTTPS"), clear.body());
        assertFalse(clear.body().contains(OPERATOR_PASSWORD));
        // the sign-in form too: back to the form, which says why
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create("http://" + address + ":"
                        + server.uri("/").getPort() + "/ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=operator&password=" + OPERATOR_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, form.statusCode());
        assertTrue(form.headers().firstValue("Location").orElse("").endsWith("/ui/login.xhtml?https=required"),
                form.headers().toString());
        // the same call over TLS is accepted
        assertEquals(200, tlsStatus(URI.create("https://" + address + ":" + httpsPort + "/security/whoami"),
                basic("operator", OPERATOR_PASSWORD)));
        // and loopback stays open to plain HTTP (bin/keyframe and scripts on the machine itself)
        assertEquals(200, call("GET", "/security/whoami", basic("operator", OPERATOR_PASSWORD)).statusCode());
    }

    @Test
    void aChangeStartedByAnotherSiteIsRefusedEvenWithCredentials() throws Exception {
        String body = it.io.keyframe.support.Api.camera("xsite", "rtsp://127.0.0.1:9/none", "off", null);
        for (String site : new String[] {"cross-site", "same-site"}) {
            // what a browser sends when another site's form posts here with the Basic credentials it remembers
            HttpResponse<String> forged = server.send(HttpRequest.newBuilder(server.uri("/cameras"))
                    .header("Authorization", basic("admin", ADMIN_PASSWORD)).header("Sec-Fetch-Site", site)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(403, forged.statusCode(), forged.body());
            assertTrue(forged.body().contains("another site"), forged.body());
            assertEquals(404, call("GET", "/cameras/xsite", basic("admin", ADMIN_PASSWORD)).statusCode(), "nothing was created");
        }
        // reads from links on other sites still work; the operator pages' own posts are same-origin
        assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/cameras"))
                .header("Authorization", basic("viewer", VIEWER_PASSWORD)).header("Sec-Fetch-Site", "cross-site")).statusCode());
        HttpResponse<String> own = server.send(HttpRequest.newBuilder(server.uri("/cameras"))
                .header("Authorization", basic("admin", ADMIN_PASSWORD)).header("Sec-Fetch-Site", "same-origin")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, own.statusCode(), own.body());
        assertEquals(204, call("DELETE", "/cameras/xsite", basic("admin", ADMIN_PASSWORD)).statusCode());
    }

    @Test
    void metricsNeedASignedInUser() throws Exception {
        URI metrics = URI.create("https://127.0.0.1:" + httpsPort + "/metrics?scope=base");
        assertEquals(401, tlsStatus(metrics, null));
        assertEquals(401, tlsStatus(metrics, basic("viewer", "wrong-password")));
        assertEquals(200, tlsStatus(metrics, basic("viewer", VIEWER_PASSWORD)));
        assertEquals(200, tlsStatus(metrics, basic("admin", ADMIN_PASSWORD)));
        // over plain HTTP Liberty sends the scraper to HTTPS, credentials or not
        HttpResponse<String> plain = server.send(HttpRequest.newBuilder(server.uri("/metrics?scope=base"))
                .header("Authorization", basic("viewer", VIEWER_PASSWORD)));
        assertEquals(302, plain.statusCode());
        assertTrue(plain.headers().firstValue("Location").orElse("").startsWith("https://"), plain.headers().toString());
    }

    /** The status of a GET over HTTPS (any certificate, any host name), with an optional Authorization header. */
    private static int tlsStatus(URI uri, String authorization) throws Exception {
        HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
        connection.setSSLSocketFactory(trustAll().getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setInstanceFollowRedirects(false);
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    /** An IPv4 address of this machine that is not loopback (the tests' machine always has one). */
    private static String lanAddress() throws IOException {
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return address.getHostAddress();
                }
            }
        }
        throw new IllegalStateException("this machine has no IPv4 address besides loopback");
    }

    /** {@code securityUtility encode --encoding=hash}, as bin/keyframe stores generated passwords. */
    private static String libertyHash(String password) {
        Path utility = Path.of(System.getProperty("keyframe.wlp.dir", "target/liberty/wlp"), "bin/securityUtility");
        try {
            Process process = new ProcessBuilder(utility.toString(), "encode", "--encoding=hash", password)
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0 || !out.startsWith("{hash}")) {
                throw new IllegalStateException("securityUtility failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trustAll() {
        return TrustAnyCertificate.context();
    }

    private static HttpResponse<String> call(String method, String path, String authorization) throws IOException {
        return call(method, path, authorization, null);
    }

    private static HttpResponse<String> call(String method, String path, String authorization, String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.send(request);
    }
}
