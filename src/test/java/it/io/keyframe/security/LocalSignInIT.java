package it.io.keyframe.security;

import static it.io.keyframe.support.LocalUsers.ADMIN_PASSWORD;
import static it.io.keyframe.support.LocalUsers.OPERATOR_PASSWORD;
import static it.io.keyframe.support.LocalUsers.VIEWER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.LocalUsers;
import it.io.keyframe.support.SharedServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * KEYFRAME_SECURITY=local in a browser: the pages send an anonymous visitor to the sign-in form, an
 * operator signs in, starts a recording, cannot open the cameras admin page, and signs out; a
 * viewer gets no start/stop buttons. The API keeps answering scripts with 401 and a Basic challenge.
 */
class LocalSignInIT {

    private static final String CAMERA = "signincam";

    @Test
    void anOperatorSignsInStartsARecordingIsKeptOutOfAdminPagesAndSignsOut() throws Exception {
        try (KeyframeServer server = LocalUsers.server(SharedServer.TOML);
             CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start()) {
            server.start();
            // scripts: 401 with a Basic challenge, not a redirect to a form
            HttpResponse<String> anonymous = server.send(HttpRequest.newBuilder(server.uri("/cameras")));
            assertEquals(401, anonymous.statusCode());
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            HttpResponse<String> created = server.send(HttpRequest.newBuilder(server.uri("/cameras"))
                    .header("Authorization", LocalUsers.basic("admin", ADMIN_PASSWORD)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.camera(CAMERA, cameras.url(Mount.H264), "off", null))));
            assertEquals(201, created.statusCode(), created.body());
            // a page without a session: to the sign-in form
            HttpResponse<String> page = server.send(HttpRequest.newBuilder(server.uri("/ui/dashboard.xhtml")));
            assertEquals(302, page.statusCode());
            assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/ui/login.xhtml"));
            // a page's own ajax refresh after its sign-in ended: Faces' redirect instruction, not a 302
            HttpResponse<String> poll = server.send(HttpRequest.newBuilder(server.uri("/ui/dashboard.xhtml"))
                    .header("Faces-Request", "partial/ajax").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("jakarta.faces.partial.ajax=true")));
            assertEquals(200, poll.statusCode());
            assertTrue(poll.body().contains("<partial-response><redirect url=\"/ui/login.xhtml\"/></partial-response>"),
                    poll.body());

            try (Browser browser = Browser.start()) {
                var driver = browser.driver();
                driver.get(server.uri("/ui/recordings.xhtml?camera=" + CAMERA).toString());
                assertTrue(driver.getCurrentUrl().endsWith("/ui/login.xhtml"), driver.getCurrentUrl());
                signIn(browser, "operator", "not-the-password");
                assertTrue(driver.findElement(By.id("login-error")).isDisplayed());
                browser.screenshot("sign-in-failed");

                // signed in, the operator lands on the page it asked for
                signIn(browser, "operator", OPERATOR_PASSWORD);
                assertTrue(driver.getCurrentUrl().contains("/ui/recordings.xhtml?camera=" + CAMERA), driver.getCurrentUrl());
                assertEquals("operator", driver.findElement(By.id("kf-user-name")).getText());
                assertTrue(driver.findElements(By.id("nav-cameras")).isEmpty(), "operators see no Cameras section");

                driver.findElement(By.id("nav-dashboard")).click();
                driver.findElement(By.cssSelector("section[data-camera='" + CAMERA + "'] .kf-start")).click();
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                        .until(() -> driver.findElement(By.cssSelector("section[data-camera='" + CAMERA + "'] [data-stream='main']"))
                                .getAttribute("data-state"), "RECORDING"::equals);

                // the cameras admin page is refused, whatever the top bar shows
                driver.get(server.uri("/ui/cameras.xhtml").toString());
                assertFalse(driver.getPageSource().contains("Add camera"), "an operator opened the cameras page");
                assertTrue(driver.getPageSource().contains("403") || driver.getPageSource().contains("Authorization"),
                        driver.getPageSource());

                // signing out ends the session: the pages ask for a sign-in again
                driver.get(server.uri("/ui/dashboard.xhtml").toString());
                driver.findElement(By.id("sign-out")).click();
                assertTrue(driver.getCurrentUrl().contains("/ui/login.xhtml"), driver.getCurrentUrl());
                assertTrue(driver.findElement(By.id("signed-out")).isDisplayed());
                driver.get(server.uri("/ui/dashboard.xhtml").toString());
                assertTrue(driver.getCurrentUrl().endsWith("/ui/login.xhtml"), driver.getCurrentUrl());

                // a viewer sees the footage but gets no start/stop or trigger buttons
                signIn(browser, "viewer", VIEWER_PASSWORD);
                assertTrue(driver.getCurrentUrl().endsWith("/ui/dashboard.xhtml"), driver.getCurrentUrl());
                assertFalse(driver.findElements(By.cssSelector("section[data-camera='" + CAMERA + "']")).isEmpty());
                assertTrue(driver.findElements(By.cssSelector(".kf-start, .kf-stop, .kf-trigger")).isEmpty());
                browser.screenshot("dashboard-viewer");
                // every page this browser opened ran without a Content-Security-Policy violation
                browser.assertNoCspViolations();
            }
            server.stop();
            String log = Files.readString(server.messagesLog(), StandardCharsets.UTF_8);
            assertTrue(log.contains("sign-in failed: user 'operator' (form)"), "a failed sign-in is logged");
            for (String secret : new String[] {ADMIN_PASSWORD, OPERATOR_PASSWORD, VIEWER_PASSWORD, "not-the-password"}) {
                assertFalse(log.contains(secret), "a password reached the server log");
            }
        }
    }

    private static void signIn(Browser browser, String user, String password) {
        var driver = browser.driver();
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
    }

}
