package it.io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import io.keyframe.sim.SimulatorConfig;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The cameras page in Chromium against the real server and a simulated camera that wants a
 * password: a bad id is refused next to its field, "test connection" shows codec and size, the
 * camera is added and records, is edited without retyping its password, and is deleted.
 */
@ExtendWith(SharedServer.class)
class CamerasPageIT {

    private static final String ID = "uipage1";
    private static final String PASSWORD = SimulatorConfig.DEFAULT_PASSWORD;
    private static final Duration AJAX = Duration.ofSeconds(20);

    @Test
    void addTestEditAndDeleteACamera(KeyframeServer server) {
        Api api = new Api(server);
        try (CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).mounts(Mount.AUTH).start();
             Browser browser = Browser.signedIn(server)) {
            browser.driver().get(server.uri("/ui/cameras.xhtml").toString());
            assertEquals("Cameras · Keyframe", browser.driver().getTitle());

            // a bad id: the message sits next to the id field and nothing is created
            click(browser, "cameras:add");
            awaitDialog(browser, "cameraDlg", true);
            type(browser, "cameraForm:id", "bad id!");
            type(browser, "cameraForm:name", "Lobby");
            type(browser, "cameraForm:streams:0:url", cameras.url(Mount.AUTH));
            type(browser, "cameraForm:streams:0:username", SimulatorConfig.DEFAULT_USERNAME);
            type(browser, "cameraForm:streams:0:password", PASSWORD);
            click(browser, "cameraForm:save");
            String idMessage = fieldMessage(browser, "cameraForm:id");
            assertTrue(idMessage.contains("1 to 64 letters, digits, - or _"), idMessage);
            assertFalse(api.get("/cameras").body().contains("bad id"), "nothing created");
            assertTrue(isDialogVisible(browser, "cameraDlg"), "the dialog stays open on a refusal");

            // test the connection: codec, size and rate in place
            type(browser, "cameraForm:id", ID);
            type(browser, "cameraForm:streams:0:password", PASSWORD);
            click(browser, "cameraForm:streams:0:test");
            String probe = Awaitility.await().atMost(AJAX).pollInterval(Duration.ofMillis(200))
                    .until(() -> text(browser, By.cssSelector(".kf-probe-ok, .kf-probe-bad")), t -> !t.isEmpty());
            assertTrue(probe.contains("H.264 640×360 @ 15 fps"), probe);
            browser.screenshot("camera-form");
            assertFalse(browser.driver().getPageSource().contains(PASSWORD), "a password is never rendered");

            // add: listed, stored and recording
            type(browser, "cameraForm:streams:0:password", PASSWORD);
            click(browser, "cameraForm:save");
            awaitDialog(browser, "cameraDlg", false);
            JsonObject stored = api.get("/cameras/" + ID).json();
            assertEquals("Lobby", stored.getString("name"));
            assertTrue(stored.getJsonArray("streams").getJsonObject(0).getBoolean("has_password"));
            awaitRecording(api);
            Awaitility.await().atMost(AJAX).pollInterval(Duration.ofMillis(300))
                    .until(() -> text(browser, By.xpath(rowXpath() + "//span[contains(@class,'kf-state')]")), "RECORDING"::equals);
            // the growl of "added" fades after a few seconds; the list alone makes the better picture
            Awaitility.await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(250))
                    .until(() -> browser.driver().findElements(By.cssSelector(".ui-growl-item")).stream().noneMatch(WebElement::isDisplayed));
            browser.screenshot("cameras");

            // the camera added through the form records on the dashboard
            browser.driver().findElement(By.id("nav-dashboard")).click();
            Awaitility.await().atMost(AJAX).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> browser.driver().findElement(By.cssSelector(
                            "section[data-camera='" + ID + "'] [data-stream='main']")).getAttribute("data-state"), "RECORDING"::equals);
            browser.driver().findElement(By.id("nav-cameras")).click();
            Awaitility.await().atMost(AJAX).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> text(browser, By.xpath(rowXpath() + "//span[contains(@class,'kf-state')]")), "RECORDING"::equals);

            // edit the name; the empty password keeps the stored one, and the stored one tests the connection
            browser.driver().findElement(By.cssSelector("button[title='Edit " + ID + "']")).click();
            awaitDialog(browser, "cameraDlg", true);
            assertEquals("", browser.driver().findElement(By.id("cameraForm:streams:0:password")).getAttribute("value"));
            // a second stream can be added (and is dropped again here)
            click(browser, "cameraForm:addStream");
            assertEquals("sub", browser.driver().findElement(By.id("cameraForm:streams:1:streamId")).getAttribute("value"));
            click(browser, "cameraForm:streams:1:remove");
            assertTrue(browser.driver().findElements(By.id("cameraForm:streams:1:streamId")).isEmpty());
            click(browser, "cameraForm:streams:0:test");
            String again = Awaitility.await().atMost(AJAX).pollInterval(Duration.ofMillis(200))
                    .until(() -> text(browser, By.cssSelector(".kf-probe-ok, .kf-probe-bad")), t -> !t.isEmpty());
            assertTrue(again.contains("H.264 640×360"), again);
            type(browser, "cameraForm:name", "Lobby entrance");
            click(browser, "cameraForm:save");
            awaitDialog(browser, "cameraDlg", false);
            JsonObject edited = api.get("/cameras/" + ID).json();
            assertEquals("Lobby entrance", edited.getString("name"));
            assertTrue(edited.getJsonArray("streams").getJsonObject(0).getBoolean("has_password"), "password kept");
            assertTrue(text(browser, By.xpath(rowXpath())).contains("Lobby entrance"));
            awaitRecording(api);

            // delete, after a confirmation that says the footage stays
            browser.driver().findElement(By.cssSelector("button[title='Delete " + ID + "']")).click();
            awaitDialog(browser, "deleteDlg", true);
            assertTrue(text(browser, By.id("deleteDlg")).contains("Footage already recorded is kept"));
            click(browser, "deleteForm:yes");
            Awaitility.await().atMost(AJAX).pollInterval(Duration.ofMillis(200))
                    .until(() -> browser.driver().findElements(By.xpath(rowXpath())).isEmpty());
            assertEquals(404, api.get("/cameras/" + ID).status());
            assertFalse(browser.driver().getPageSource().contains(PASSWORD));
            // every page this browser opened ran without a Content-Security-Policy violation
            browser.assertNoCspViolations();
        } finally {
            api.delete("/cameras/" + ID);
        }
    }

    private static void awaitRecording(Api api) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/recording/status/" + ID).json().getString("state"), "RECORDING"::equals);
    }

    private static String rowXpath() {
        return "//tbody[@id='cameras:table_data']/tr[.//div[contains(@class,'kf-cam-id') and normalize-space()='" + ID + "']]";
    }

    private static void click(Browser browser, String id) {
        awaitAjax(browser);
        browser.driver().findElement(By.id(id)).click();
        awaitAjax(browser);
    }

    private static void type(Browser browser, String id, String value) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** The text of the error message in the same field box as input {@code id}, once there is one. */
    private static String fieldMessage(Browser browser, String id) {
        By message = By.xpath("//*[@id='" + id + "']/ancestor::div[contains(@class,'kf-field')][1]"
                + "//*[contains(@class,'ui-message-error')]");
        return Awaitility.await().atMost(AJAX).pollInterval(Duration.ofMillis(200))
                .until(() -> text(browser, message), t -> !t.isEmpty());
    }

    private static String text(Browser browser, By by) {
        List<WebElement> found = browser.driver().findElements(by);
        try {
            return found.isEmpty() ? "" : found.get(0).getText().trim();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return "";
        }
    }

    private static boolean isDialogVisible(Browser browser, String widget) {
        return Boolean.TRUE.equals(browser.script("return PF(arguments[0]).isVisible()", widget));
    }

    private static void awaitDialog(Browser browser, String widget, boolean visible) {
        Awaitility.await().atMost(AJAX).pollInterval(Duration.ofMillis(100))
                .until(() -> isDialogVisible(browser, widget) == visible);
        awaitAjax(browser);
        try {
            Thread.sleep(400); // the dialog's show/hide animation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitAjax(Browser browser) {
        Awaitility.await().atMost(AJAX).pollInterval(Duration.ofMillis(100))
                .until(() -> Boolean.TRUE.equals(browser.script(
                        "return document.readyState === 'complete' && window.PrimeFaces && PrimeFaces.ajax.Queue.isEmpty()")));
    }
}
