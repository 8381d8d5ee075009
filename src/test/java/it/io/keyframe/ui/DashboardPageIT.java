package it.io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in Chromium: a recording camera shows RECORDING (the page refreshes itself), its
 * newest segment's thumbnail, and its buttons act: trigger an event, stop, give it back to its mode.
 */
@ExtendWith(SharedServer.class)
class DashboardPageIT {

    private static final String CAMERA = "dashcam";

    @Test
    void showsALiveCameraAndItsButtonsWork(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        try (CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start();
             Browser browser = Browser.signedIn(server)) {
            // the page is open before the camera exists: it must pick the camera up without a reload
            browser.driver().get(server.uri("/ui/dashboard.xhtml").toString());
            assertTrue(browser.driver().getPageSource().contains("No cameras yet")
                    || !browser.driver().findElements(By.cssSelector("section.kf-card")).isEmpty());
            Object marker = browser.script("window.keyframeNoReload = true; return true;");
            assertEquals(Boolean.TRUE, marker);

            var created = api.post("/cameras", Api.camera(CAMERA, cameras.url(Mount.H264), "continuous", null));
            assertEquals(201, created.status(), created.body());

            WebElement stream;
            try {
                stream = Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(() -> browser.driver().findElement(By.cssSelector("section[data-camera='" + CAMERA + "'] [data-stream='main']")),
                                e -> "RECORDING".equals(e.getAttribute("data-state")));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no RECORDING tile; API says " + api.get("/recording/status/" + CAMERA).body()
                        + "; page: " + browser.driver().findElement(By.tagName("main")).getText(), e);
            }
            assertEquals(Boolean.TRUE, browser.script("return window.keyframeNoReload === true"), "the page was reloaded");
            assertTrue(stream.getText().contains("RECORDING"), stream.getText());

            // the newest finished segment appears as a decoded thumbnail (6 s segments)
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> ((Number) browser.script(
                            "const i = document.querySelector(\"section[data-camera='" + CAMERA + "'] img.kf-thumb\");"
                                    + " return i && i.complete ? i.naturalWidth : 0;")).intValue() > 0);
            // and the health numbers are filled in
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> card(browser).getText().contains("kbit/s") || card(browser).getText().contains("Mbit/s"));
            browser.screenshot("dashboard");

            // trigger an event: the same control call as POST /recording/event/{camera}
            card(browser).findElement(By.cssSelector(".kf-trigger")).click();
            JsonObject event = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/events?camera_id=" + CAMERA).json().getJsonArray("events"), a -> !a.isEmpty())
                    .getJsonObject(0);
            assertEquals("manual", event.getString("event_type"));
            assertEquals("ui", event.getString("origin"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> browser.driver().findElement(By.cssSelector(".ui-growl")).getText().contains("Event triggered"));

            // stop: a manual override, the stream goes to STOPPED and offers to follow its mode again
            card(browser).findElement(By.cssSelector(".kf-stop")).click();
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> "STOPPED".equals(streamRow(browser).getAttribute("data-state")));
            assertEquals("STOPPED", api.get("/recording/status/" + CAMERA).json().getString("state"));
            streamRow(browser).findElement(By.cssSelector(".kf-resume")).click();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> "RECORDING".equals(streamRow(browser).getAttribute("data-state")));
            assertEquals("continuous", api.get("/recording/status/" + CAMERA).json().getString("wanted_by"));
            // every page this browser opened ran without a Content-Security-Policy violation
            browser.assertNoCspViolations();
        } finally {
            api.delete("/cameras/" + CAMERA);
        }
    }

    private static WebElement card(Browser browser) {
        return browser.driver().findElement(By.cssSelector("section[data-camera='" + CAMERA + "']"));
    }

    private static WebElement streamRow(Browser browser) {
        return card(browser).findElement(By.cssSelector("[data-stream='main']"));
    }
}
