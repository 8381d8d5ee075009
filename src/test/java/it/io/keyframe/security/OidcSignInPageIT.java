package it.io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.Keycloak;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The CI test for KEYFRAME_SECURITY=oidc: a browser signs in through Keycloak's login page
 * as an operator, starts a recording from the dashboard, cannot reach the cameras admin page, and
 * signs out; sign-out ends the provider's session too, so the next page asks for a password again.
 * Then an admin signs in and opens the cameras page.
 */
@ExtendWith(Keycloak.Shared.class)
class OidcSignInPageIT {

    private static final String CAMERA = "oidccam";

    @Test
    void anOperatorSignsInThroughTheProviderRecordsIsKeptOutOfAdminPagesAndSignsOut(Keycloak keycloak) throws Exception {
        try (KeyframeServer server = OidcSecurityIT.oidcServer(keycloak);
             CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start()) {
            server.start();
            String admin = "Bearer " + keycloak.passwordToken("admin1");
            HttpResponse<String> created = server.send(HttpRequest.newBuilder(server.uri("/cameras"))
                    .header("Authorization", admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.camera(CAMERA, cameras.url(Mount.H264), "off", null))));
            assertEquals(201, created.statusCode(), created.body());

            try (Browser browser = Browser.start()) {
                WebDriver driver = browser.driver();
                // the OIDC client's callback is on the HTTPS port, whose certificate Liberty generated
                browser.driver().executeCdpCommand("Security.setIgnoreCertificateErrors", Map.of("ignore", true));
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

                // an anonymous visit lands on the provider's login page
                driver.get(server.uri("/ui/dashboard.xhtml").toString());
                assertOnLoginPage(keycloak, driver, wait);
                signIn(driver, "operator1");
                awaitSignedIn(browser, wait);
                assertTrue(driver.getCurrentUrl().endsWith("/ui/dashboard.xhtml"), driver.getCurrentUrl());
                assertEquals("operator1", driver.findElement(By.id("kf-user-name")).getText());
                assertTrue(driver.findElements(By.id("nav-cameras")).isEmpty(), "operators see no Cameras section");
                // the rest of the visit stays where the sign-in left the browser (the HTTPS port)
                URI origin = URI.create(driver.getCurrentUrl()).resolve("/");

                // start a recording from the dashboard: the API (with a Bearer token) sees it record
                driver.findElement(By.cssSelector("section[data-camera='" + CAMERA + "'] .kf-start")).click();
                String operator = "Bearer " + keycloak.passwordToken("operator1");
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                            .until(() -> status(server, operator).getString("state"), "RECORDING"::equals);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("not recording: " + status(server, operator), e);
                }
                assertEquals("manual", status(server, operator).getString("wanted_by"));
                Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                        .until(() -> driver.findElement(By.cssSelector("section[data-camera='" + CAMERA + "'] [data-stream='main']"))
                                .getAttribute("data-state"), "RECORDING"::equals);
                browser.screenshot("oidc-operator-dashboard");

                // the cameras admin page is refused: 403 for the signed-in browser, and no camera form shown
                Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
                        + " fetch('/ui/cameras.xhtml', {credentials: 'same-origin'}).then(r => done(r.status), e => done(String(e)));");
                assertEquals(403L, status);
                driver.get(origin.resolve("/ui/cameras.xhtml").toString());
                assertFalse(driver.getPageSource().contains("Add camera"), "an operator opened the cameras page");
                assertTrue(driver.getPageSource().contains("403") || driver.getPageSource().contains("Authorization"),
                        driver.getPageSource());
                browser.screenshot("oidc-operator-refused");

                // sign out: through the provider's end-session endpoint to the signed-out page
                driver.get(origin.resolve("/ui/dashboard.xhtml").toString());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
                driver.findElement(By.id("sign-out")).click();
                java.util.List<String> seen = new java.util.ArrayList<>();
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                            .until(() -> {
                                String now = driver.getCurrentUrl();
                                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
                                    seen.add(now);
                                }
                                return !driver.findElements(By.id("signed-out")).isEmpty();
                            });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    browser.screenshot("oidc-sign-out-failed");
                    throw new AssertionError("not signed out: " + seen + "\n" + driver.getPageSource(), e);
                }
                assertTrue(driver.getCurrentUrl().endsWith("/ui/signed-out.xhtml"), driver.getCurrentUrl());
                browser.screenshot("oidc-signed-out");

                // the provider's session is over too: a page asks for the password again, not a silent sign-in
                driver.get(origin.resolve("/ui/dashboard.xhtml").toString());
                assertOnLoginPage(keycloak, driver, wait);
                assertTrue(driver.findElement(By.id("password")).getAttribute("value").isEmpty());

                // an admin signs in on that page and may open the cameras page
                signIn(driver, "admin1");
                awaitSignedIn(browser, wait);
                assertEquals("admin1", driver.findElement(By.id("kf-user-name")).getText());
                driver.get(origin.resolve("/ui/cameras.xhtml").toString());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kf-user-name")));
                assertTrue(driver.getPageSource().contains("Add camera"), driver.getPageSource());
                assertTrue(driver.getPageSource().contains(CAMERA));
                browser.screenshot("oidc-admin-cameras");
                // our pages (this origin's, the signed-out page too) ran without a Content-Security-Policy violation
                browser.assertNoCspViolations();
            }
            server.stop();
            String log = Files.readString(server.messagesLog(), StandardCharsets.UTF_8);
            for (String secret : List.of(Keycloak.UI_SECRET, OidcSecurityIT.KEYSTORE_PASSWORD,
                    Keycloak.USERS.get("operator1"), Keycloak.USERS.get("admin1"))) {
                assertFalse(log.contains(secret), "a secret reached the server log");
            }
        }
    }

    private static void assertOnLoginPage(Keycloak keycloak, WebDriver driver, WebDriverWait wait) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertTrue(driver.getCurrentUrl().startsWith(keycloak.issuer() + "/"), driver.getCurrentUrl());
        assertTrue(driver.findElement(By.id("password")).isDisplayed(), "the provider asks for a password");
    }

    private static void signIn(WebDriver driver, String user) {
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(Keycloak.USERS.get(user));
        driver.findElement(By.id("kc-login")).click();
    }

    private static void awaitSignedIn(Browser browser, WebDriverWait wait) {
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kf-user-name")));
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("oidc-sign-in-failed");
            throw new AssertionError("not signed in: " + browser.driver().getCurrentUrl() + "\n"
                    + browser.driver().getPageSource(), e);
        }
    }

    private static JsonObject status(KeyframeServer server, String bearer) throws IOException {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/recording/status/" + CAMERA))
                .header("Authorization", bearer).header("Accept", "application/json"));
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
