package it.io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.segment.Footage;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Storage page in Chromium against footage of a simulated camera: the camera's row (segments
 * as {@code GET /storage} counts them, its latest thumbnail), a legal hold refused for an end
 * before its start (the message next to the field), placed, listed and released after the
 * confirmation.
 */
@ExtendWith(SharedServer.class)
class StoragePageIT {

    private static final String SUFFIX = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Test
    void showsACamerasFootageAndPlacesAndReleasesALegalHold(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        String camera = "stor" + SUFFIX;
        try (CameraSimulator simulator = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15)
                .mounts(Mount.H264).start()) {
            Footage.camera(api, camera, simulator.url(Mount.H264));
            Footage.record(api, camera, 8, 1);
        }
        JsonObject usage = api.get("/storage").json().getJsonArray("cameras").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("camera_id").equals(camera)).findFirst().orElseThrow();
        long segments = usage.getJsonNumber("segments").longValue();
        assertTrue(segments >= 1, usage.toString());

        try (Browser browser = Browser.signedIn(server)) {
            ChromeDriver driver = browser.driver();
            driver.get(server.uri("/ui/storage.xhtml").toString());
            assertEquals("Storage · Keyframe", driver.getTitle(), driver.getPageSource());

            // the camera's row: its segments and the thumbnail of its newest one
            WebElement row = cameraRow(driver, camera);
            assertEquals(Long.toString(segments), row.findElement(By.className("kf-segments")).getText());
            assertTrue(row.getText().contains("Camera " + camera), row.getText());
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() ->
                    ((Number) browser.script("const i = arguments[0].querySelector('img.kf-storage-thumb');"
                            + " return i && i.complete ? i.naturalWidth : 0;", cameraRow(driver, camera))).intValue() == 320);
            String percent = driver.findElement(By.id("diskPercent")).getText();
            assertTrue(percent.matches("\\d+(\\.\\d)? %"), percent);
            assertFalse(driver.findElement(By.id("forecastLimit")).getText().isBlank());

            // a range that ends before it starts is refused next to the "To" field
            LocalDateTime now = LocalDateTime.now();
            choose(browser, "holdForm:holdCamera", camera);
            fillRange(browser, now.plusHours(1), now.minusHours(1), "IT " + SUFFIX);
            driver.findElement(By.id("holdForm:addHold")).click();
            waitForAjax(browser);
            assertEquals("The end must be after the start.", driver.findElement(By.id("holdForm:holdToMsg")).getText());
            assertEquals(0, holds(api, camera).size());
            browser.script("document.getElementById('holdForm').scrollIntoView();");
            browser.screenshot("storage-hold-invalid");

            // a valid one (a day back to an hour ahead: whatever the zone, it covers the footage)
            fillRange(browser, now.minusDays(1), now.plusHours(1), "IT " + SUFFIX);
            driver.findElement(By.id("holdForm:addHold")).click();
            waitForAjax(browser);
            assertEquals("", driver.findElement(By.id("holdForm:holdToMsg")).getText());
            List<JsonObject> placed = holds(api, camera);
            assertEquals(1, placed.size(), placed.toString());
            assertTrue(placed.get(0).getInt("segments_held") >= 1, placed.toString());
            assertEquals("IT " + SUFFIX, placed.get(0).getString("reason"));
            WebElement holdRow = holdRow(driver, "IT " + SUFFIX);
            assertTrue(holdRow.getText().contains(camera), holdRow.getText());
            assertTrue(holdRow.getText().contains("all streams"), holdRow.getText());
            screenshots(browser);

            // released only after the confirmation
            holdRow.findElement(By.cssSelector("button[id$=':release']")).click();
            WebElement yes = Awaitility.await().atMost(Duration.ofSeconds(5)).until(
                    () -> driver.findElement(By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-yes")), WebElement::isDisplayed);
            assertTrue(driver.findElement(By.cssSelector(".ui-confirm-dialog")).getText().contains("subject to retention"));
            assertEquals(1, holds(api, camera).size(), "released before the confirmation");
            yes.click();
            waitForAjax(browser);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> driver.findElements(By.xpath(
                    "//tr[contains(@class,'kf-hold-row')][contains(., 'IT " + SUFFIX + "')]")).isEmpty());
            assertEquals(0, holds(api, camera).size());

            // the audit lists what a prune deleted, filtered to this camera
            var pruned = api.delete("/recording/prune/" + camera + "?older_than_days=0");
            assertEquals(200, pruned.status(), pruned.body());
            int deleted = pruned.json().getInt("deleted_segments");
            assertEquals(segments, deleted, pruned.body());
            driver.navigate().refresh();
            choose(browser, "auditForm:auditCamera", camera);
            List<WebElement> audited = driver.findElements(By.cssSelector("tr.kf-audit-row"));
            assertEquals(deleted, audited.size(), driver.findElement(By.id("auditForm:auditTable")).getText());
            for (WebElement entry : audited) {
                assertTrue(entry.getText().contains(camera) && entry.getText().contains("manual"), entry.getText());
            }
            choose(browser, "auditForm:auditReason", "disk_usage");
            assertEquals(0, driver.findElements(By.cssSelector("tr.kf-audit-row")).size());
            choose(browser, "auditForm:auditReason", "manual");
            assertEquals(deleted, driver.findElements(By.cssSelector("tr.kf-audit-row")).size());
            browser.script("document.getElementById('auditForm').scrollIntoView();");
            browser.screenshot("storage-audit");
            // every page this browser opened ran without a Content-Security-Policy violation
            browser.assertNoCspViolations();
        }
    }

    private static WebElement cameraRow(ChromeDriver driver, String camera) {
        return driver.findElement(By.xpath("//tr[contains(@class,'kf-camera-row')][.//div[@data-camera='" + camera + "']]"));
    }

    private static WebElement holdRow(ChromeDriver driver, String reason) {
        return driver.findElement(By.xpath("//tr[contains(@class,'kf-hold-row')][contains(., '" + reason + "')]"));
    }

    /** Picks {@code label} in a PrimeFaces select menu the way a person does: open it, click the item. */
    private static void choose(Browser browser, String menuId, String label) {
        it.io.keyframe.support.PrimeFacesUi.choose(browser, menuId, label);
    }

    private static void fillRange(Browser browser, LocalDateTime from, LocalDateTime to, String reason) {
        browser.script("document.getElementById('holdForm:holdFrom_input').value = arguments[0];"
                + "document.getElementById('holdForm:holdTo_input').value = arguments[1];"
                + "document.getElementById('holdForm:holdReason').value = arguments[2];",
                INPUT.format(from), INPUT.format(to), reason);
    }

    private static void waitForAjax(Browser browser) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(100)).pollInterval(Duration.ofMillis(100))
                .until(() -> Boolean.TRUE.equals(browser.script(
                        "return document.readyState === 'complete' && window.PrimeFaces && PrimeFaces.ajax.Queue.isEmpty();")));
    }

    private static List<JsonObject> holds(Api api, String camera) {
        JsonArray holds = api.get("/holds?camera_id=" + camera).json().getJsonArray("holds");
        return holds.stream().map(v -> v.asJsonObject()).toList();
    }

    /** {@code storage}: what a 1366x768 screen shows first; {@code storage-full}: the whole page. */
    private static void screenshots(Browser browser) {
        browser.script("window.scrollTo(0, 0);");
        browser.screenshot("storage");
        long height = ((Number) browser.script("return document.documentElement.scrollHeight;")).longValue();
        browser.driver().manage().window().setSize(new Dimension(1366, (int) Math.min(4000, height + 140)));
        browser.screenshot("storage-full");
        browser.driver().manage().window().setSize(new Dimension(1366, 768));
    }
}
