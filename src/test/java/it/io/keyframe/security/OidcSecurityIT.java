package it.io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.Browser;
import it.io.keyframe.support.FreePorts;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.Keycloak;
import it.io.keyframe.support.SharedServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * KEYFRAME_SECURITY=oidc against a real Keycloak: the API takes the provider's Bearer access
 * tokens (users and machine clients) and refuses every token that is not exactly right; the
 * operator pages sign in through the provider's login page (code flow with PKCE, state, nonce).
 */
@ExtendWith(Keycloak.Shared.class)
class OidcSecurityIT {

    private static KeyframeServer server;
    private static Keycloak keycloak;

    @BeforeAll
    static void start(Keycloak provider) {
        keycloak = provider;
        System.out.println("Keycloak start took " + provider.startTime().toMillis() + " ms");
        server = oidcServer(provider);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A server (not started) in oidc mode against {@code provider}, HTTPS on a free port. */
    static KeyframeServer oidcServer(Keycloak provider) {
        return new KeyframeServer(SharedServer.TOML)
                .env("KEYFRAME_SECURITY", "oidc")
                .env("HTTPS_PORT", Integer.toString(FreePorts.next()))
                .env("KEYFRAME_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD)
                .env("KEYFRAME_OIDC_ISSUER", provider.issuer())
                .env("KEYFRAME_OIDC_CLIENT_ID", Keycloak.UI_CLIENT)
                .env("KEYFRAME_OIDC_CLIENT_SECRET", Keycloak.UI_SECRET)
                .env("KEYFRAME_OIDC_HTTPS_REQUIRED", "false");
    }

    static final String KEYSTORE_PASSWORD = "it-keystore-secret";
    /** An admin-only read that changes nothing: the retention settings and last run. */
    static final String ADMIN_ONLY = "/cleanup/status";

    @AfterAll
    static void stop() throws IOException {
        if (server == null) {
            return;
        }
        try {
            server.stop();
            String log = Files.readString(server.messagesLog());
            for (String secret : List.of(Keycloak.UI_SECRET, KEYSTORE_PASSWORD, Keycloak.USERS.get("operator1"))) {
                assertFalse(log.contains(secret), "a secret reached the server log");
            }
        } finally {
            server.close();
        }
    }

    @Test
    void anonymousCallsAreRefusedButHealthIsOpen() throws IOException {
        assertEquals(401, call("GET", "/security/whoami", null).statusCode());
        assertEquals(401, call("GET", ADMIN_ONLY, null).statusCode());
        // no local users in this mode: Basic gets nowhere
        assertEquals(401, call("GET", "/security/whoami", basic("viewer", "viewer")).statusCode());
        assertEquals(200, call("GET", "/health/ready", null).statusCode());
        assertEquals(200, call("GET", "/health/live", null).statusCode());
    }

    @Test
    void usersTokensCarryTheirGroupsAsRoles() throws IOException {
        String operator = keycloak.passwordToken("operator1");
        assertEquals(Keycloak.AUDIENCE, Keycloak.claims(operator).getString("aud"));
        HttpResponse<String> whoami = call("GET", "/security/whoami", bearer(operator));
        assertEquals(200, whoami.statusCode(), whoami.body());
        assertEquals("operator1", json(whoami).getString("name"));
        assertEquals(List.of("operator"), roles(whoami));
        assertEquals(403, call("GET", ADMIN_ONLY, bearer(operator)).statusCode());

        String admin = keycloak.passwordToken("admin1");
        HttpResponse<String> adminOnly = call("GET", ADMIN_ONLY, bearer(admin));
        assertEquals(200, adminOnly.statusCode(), adminOnly.body());
        assertTrue(json(adminOnly).containsKey("max_retention_days"), adminOnly.body());
        assertEquals(List.of("admin"), roles(call("GET", "/security/whoami", bearer(admin))));

        HttpResponse<String> viewer = call("GET", "/security/whoami", bearer(keycloak.passwordToken("viewer1")));
        assertEquals(List.of("viewer"), roles(viewer));
    }

    @Test
    void machineClientsUseTheClientCredentialsGrant() throws IOException {
        String token = keycloak.clientCredentialsToken(Keycloak.MACHINE_CLIENT, Keycloak.MACHINE_SECRET);
        HttpResponse<String> whoami = call("GET", "/security/whoami", bearer(token));
        assertEquals(200, whoami.statusCode(), whoami.body());
        assertEquals("service-account-keyframe-machine", json(whoami).getString("name"));
        assertEquals(List.of("operator"), roles(whoami));
        assertEquals(403, call("GET", ADMIN_ONLY, bearer(token)).statusCode());
    }

    @Test
    void metricsTakeABearerTokenOverHttps() throws IOException {
        assertEquals(401, server.tlsGet("/metrics?scope=base", null).status());
        var viewer = server.tlsGet("/metrics?scope=base", bearer(keycloak.passwordToken("viewer1")));
        assertEquals(200, viewer.status(), viewer.body());
        assertTrue(viewer.body().contains("# TYPE"), viewer.body());
        var machine = server.tlsGet("/metrics?scope=base",
                bearer(keycloak.clientCredentialsToken(Keycloak.MACHINE_CLIENT, Keycloak.MACHINE_SECRET)));
        assertEquals(200, machine.status(), "a Prometheus job with a client-credentials token");
    }

    @Test
    void aCameraLimitedToAGroupIsRefusedToTokensWithoutIt() throws IOException {
        String admin = bearer(keycloak.passwordToken("admin1"));
        HttpResponse<String> created = server.send(HttpRequest.newBuilder(server.uri("/cameras"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(it.io.keyframe.support.Api.camera("oidcguarded",
                        "rtsp://127.0.0.1:9/none", "off", null).replaceFirst("\\{", "{\"access_groups\": [\"operator\"], "))));
        assertEquals(201, created.statusCode(), created.body());
        String catalog = "/cameras/oidcguarded/segments?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
        // the token's groups claim decides: viewer1 is not in "operator", operator1 is; admins always pass
        assertEquals(403, call("GET", catalog, bearer(keycloak.passwordToken("viewer1"))).statusCode());
        assertEquals(200, call("GET", catalog, bearer(keycloak.passwordToken("operator1"))).statusCode());
        assertEquals(200, call("GET", catalog, admin).statusCode());
        assertEquals(204, call("DELETE", "/cameras/oidcguarded", admin).statusCode());
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws IOException {
        // a real token of the same realm and issuer, for a client without Keyframe's audience
        String token = keycloak.clientCredentialsToken(Keycloak.OTHER_CLIENT, Keycloak.OTHER_SECRET);
        assertFalse(Keycloak.claims(token).containsKey("aud"), token);
        assertEquals(List.of("operator"), Keycloak.claims(token).getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(401, call("GET", "/security/whoami", bearer(token)).statusCode());
    }

    @Test
    void handMadeTokensAreAcceptedOnlyWhenEverythingIsRight() throws IOException {
        Instant now = Instant.now();
        String kid = keycloak.signingKid();
        // the control: signed with the realm's key, right issuer and audience -> accepted
        JsonObject good = TestTokens.claims(keycloak.issuer(), Keycloak.AUDIENCE, "handmade", "viewer", now).build();
        HttpResponse<String> accepted = call("GET", "/security/whoami", bearer(TestTokens.rs256(good, keycloak.signingKey(), kid)));
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals("handmade", json(accepted).getString("name"));

        // each of these differs from the control in one way only
        JsonObject expired = TestTokens.claims(keycloak.issuer(), Keycloak.AUDIENCE, "handmade", "viewer",
                now.minus(Duration.ofMinutes(30))).build();
        JsonObject otherIssuer = TestTokens.claims("http://127.0.0.1:1/realms/keyframe", Keycloak.AUDIENCE, "handmade",
                "viewer", now).build();
        JsonObject otherAudience = TestTokens.claims(keycloak.issuer(), "someone-else", "handmade", "viewer", now).build();
        assertRefused("expired", TestTokens.rs256(expired, keycloak.signingKey(), kid));
        assertRefused("wrong issuer", TestTokens.rs256(otherIssuer, keycloak.signingKey(), kid));
        assertRefused("wrong audience", TestTokens.rs256(otherAudience, keycloak.signingKey(), kid));
        assertRefused("signed by another key under the realm's kid", TestTokens.rs256(good, TestTokens.otherKey(), kid));
        assertRefused("alg none", TestTokens.unsigned(good));

        // a real operator token whose groups were raised to admin after signing
        String real = keycloak.passwordToken("operator1");
        JsonObject raised = Json.createObjectBuilder(Keycloak.claims(real))
                .add("groups", Json.createArrayBuilder().add("admin")).build();
        assertEquals(200, call("GET", "/security/whoami", bearer(real)).statusCode());
        assertRefused("tampered claims", TestTokens.withClaims(real, raised));
        assertEquals(401, call("GET", ADMIN_ONLY, bearer(TestTokens.withClaims(real, raised))).statusCode());
        assertRefused("not a JWT", "not-a-token");
    }

    @Test
    void theOperatorPagesSignInThroughTheProvider() {
        try (Browser browser = Browser.start()) {
            // the OIDC client's callback is on the HTTPS port, whose certificate Liberty generated
            browser.driver().executeCdpCommand("Security.setIgnoreCertificateErrors", Map.of("ignore", true));
            browser.driver().get(server.uri("/ui/events.xhtml").toString());
            WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(30));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            String loginUrl = browser.driver().getCurrentUrl();
            assertTrue(loginUrl.startsWith(keycloak.issuer() + "/"), loginUrl);
            // the authorization request the OIDC client sent: code flow, PKCE S256, state and nonce
            for (String parameter : List.of("response_type=code", "client_id=" + Keycloak.UI_CLIENT,
                    "code_challenge_method=S256", "code_challenge=", "state=", "nonce=")) {
                assertTrue(loginUrl.contains(parameter), parameter + " missing in " + loginUrl);
            }
            browser.screenshot("security-keycloak-login");
            browser.driver().findElement(By.id("username")).sendKeys("operator1");
            browser.driver().findElement(By.id("password")).sendKeys(Keycloak.USERS.get("operator1"));
            browser.driver().findElement(By.id("kc-login")).click();
            try {
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kf-user-name")));
            } catch (org.openqa.selenium.TimeoutException e) {
                browser.screenshot("security-sign-in-failed");
                throw new AssertionError("not signed in: " + browser.driver().getCurrentUrl() + "\n"
                        + browser.driver().getPageSource(), e);
            }
            String signedIn = browser.driver().getCurrentUrl();
            assertTrue(signedIn.endsWith("/ui/events.xhtml"), signedIn);
            assertEquals("operator1", browser.driver().findElement(By.id("kf-user-name")).getText());
            // the groups claim became roles: an operator's sections, no admin ones
            assertFalse(browser.driver().findElements(By.id("nav-schedules")).isEmpty(), "operators see Schedules");
            assertTrue(browser.driver().findElements(By.id("nav-cameras")).isEmpty(), "operators see no Cameras");
            browser.screenshot("security-signed-in");
        }
    }

    private void assertRefused(String what, String token) throws IOException {
        HttpResponse<String> response = call("GET", "/security/whoami", bearer(token));
        assertEquals(401, response.statusCode(), what + ": " + response.body());
    }

    private static HttpResponse<String> call(String method, String path, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.send(request);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String basic(String user, String password) {
        return it.io.keyframe.support.LocalUsers.basic(user, password);
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    static List<String> roles(HttpResponse<String> response) {
        return json(response).getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }
}
