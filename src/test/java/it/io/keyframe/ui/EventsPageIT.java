package it.io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.segment.Footage;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Events page in Chromium against a recording camera: events triggered through the API and
 * through the page's own form are listed, filtered by camera and type, with the segment that
 * covers the event's start and a link that plays it; a bad type is refused next to its field.
 */
@ExtendWith(SharedServer.class)
class EventsPageIT {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String CAMERA = "uievt-" + SUFFIX;
    private static final String OTHER = "uievtb-" + SUFFIX;

    @Test
    void eventsAreListedFilteredAndLinkedToTheirFootage(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        try (CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start()) {
            assertEquals(201, api.post("/cameras", Api.camera(CAMERA, cameras.url(Mount.H264), "events", null)).status());
            // a second camera with an event of its own, so that the camera filter has something to leave out
            assertEquals(201, api.post("/cameras", Api.camera(OTHER, cameras.url(Mount.H264), "scheduled", null)).status());
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    "RECORDING".equals(api.get("/recording/status/" + CAMERA).json().getString("state")));
            Thread.sleep(2000);
            JsonObject motion = created(api.post("/recording/event/" + CAMERA,
                    "{\"event_type\": \"motion\", \"source\": \"door-7\", \"duration_secs\": 4}"));
            created(api.post("/recording/event/" + CAMERA, "{\"event_type\": \"alarm\", \"source\": \"panel\", \"duration_secs\": 2}"));
            created(api.post("/recording/event/" + OTHER, "{\"event_type\": \"motion\", \"duration_secs\": 1}"));
            Instant start = Instant.parse(motion.getString("start"));
            // the segment that covers the motion event's start, once it is written (6 s segments)
            JsonObject covering = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Footage.rows(api, CAMERA).stream().filter(r -> !Instant.parse(r.getString("start_time")).isAfter(start)
                            && Instant.parse(r.getString("end_time")).isAfter(start)).findFirst(), java.util.Optional::isPresent)
                    .orElseThrow();

            try (Browser browser = Browser.signedIn(server)) {
                try {
                    use(browser, server, api, motion, covering);
                } catch (RuntimeException | AssertionError e) {
                    browser.screenshot("events-failed");
                    throw e;
                }
                // every page this browser opened ran without a Content-Security-Policy violation
                browser.assertNoCspViolations();
            }
        } finally {
            api.delete("/cameras/" + CAMERA);
            api.delete("/cameras/" + OTHER);
        }
    }

    private static void use(Browser browser, KeyframeServer server, Api api, JsonObject motion, JsonObject covering) {
        var driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        driver.get(server.uri("/ui/events.xhtml").toString());
        assertEquals("Events · Keyframe", driver.getTitle(), driver.getPageSource());
        assertTrue(rows(browser).size() >= 3, "every camera's events at first");

        // an event from the page's own form: a manual one on our camera
        driver.findElement(By.id("events:openTrigger")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("trigger:tCamera")));
        choose(browser, wait, "trigger:tCamera", CAMERA);
        driver.findElement(By.xpath("//*[@id='trigger:tType']//*[normalize-space(text())='manual']")).click();
        WebElement seconds = driver.findElement(By.id("trigger:tSeconds"));
        seconds.clear();
        seconds.sendKeys("3");
        driver.findElement(By.id("trigger:tSource")).sendKeys("front desk");
        driver.findElement(By.id("trigger:doTrigger")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events:messages"), "on " + CAMERA));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("triggerDialog")));
        JsonObject manual = api.get("/events?camera_id=" + CAMERA + "&event_type=manual").json()
                .getJsonArray("events").getJsonObject(0);
        assertEquals("ui", manual.getString("origin"));
        assertEquals("front desk", manual.getString("source"));

        // filter by camera: its three events, newest first, and none of the other camera's
        choose(browser, wait, "events:fCamera", CAMERA);
        filter(browser, wait);
        wait.until(d -> rows(browser).size() == 3);
        List<String> types = rows(browser).stream().map(r -> r.findElement(By.cssSelector(".kf-evt-type")).getText()).toList();
        assertEquals(List.of("manual", "alarm", "motion"), types);
        assertTrue(rows(browser).stream().allMatch(r -> r.findElement(By.cssSelector(".kf-evt-camera")).getText().equals(CAMERA)));
        browser.script("document.activeElement.blur(); window.scrollTo(0, 0)");
        browser.screenshot("events");

        // and by type: the motion event, with its covering segment and a play link
        typeFilter(browser).clear();
        typeFilter(browser).sendKeys("motion");
        filter(browser, wait);
        wait.until(d -> rows(browser).size() == 1 && rows(browser).get(0).getText().contains("motion"));
        WebElement row = rows(browser).get(0);
        assertTrue(row.getText().contains("door-7"), row.getText());
        assertTrue(row.getText().contains("4 s"), row.getText());
        long segment = covering.getJsonNumber("id").longValue();
        WebElement thumb = row.findElement(By.cssSelector("img.kf-evt-thumb"));
        assertEquals(Long.toString(segment), thumb.getAttribute("data-segment"));
        assertTrue(thumb.getDomProperty("src").endsWith("/segments/" + segment + "/thumbnail"), thumb.getDomProperty("src"));
        String play = row.findElement(By.cssSelector("a.kf-evt-play")).getDomProperty("href");
        assertTrue(play.contains("/ui/recordings.xhtml?camera=" + CAMERA + "&stream=main&at="
                + URLEncoder.encode(motion.getString("keep_from"), StandardCharsets.UTF_8)), play);

        // a type the API would refuse: an error next to the field, the list unchanged
        typeFilter(browser).clear();
        typeFilter(browser).sendKeys("Motion!");
        filter(browser, wait);
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[id='events:fType'] ~ .ui-message-error, .kf-field .ui-message-error")));
        assertEquals("a type is a short lower-case word, such as motion", error.getText());
        assertEquals(1, rows(browser).size());
    }

    private static JsonObject created(Api.Reply reply) {
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    private static WebElement typeFilter(Browser browser) {
        return browser.driver().findElement(By.cssSelector("[id='events:fType'] input.ui-selectonemenu-label"));
    }

    private static List<WebElement> rows(Browser browser) {
        return browser.driver().findElements(By.cssSelector("[id='events:table_data'] > tr:not(.ui-datatable-empty-message)"));
    }

    private static void choose(Browser browser, WebDriverWait wait, String menu, String label) {
        it.io.keyframe.support.PrimeFacesUi.choose(browser, menu, label);
    }

    private static void filter(Browser browser, WebDriverWait wait) {
        WebElement table = browser.driver().findElement(By.id("events:table"));
        browser.driver().findElement(By.id("events:search")).click();
        // the form is replaced by the answer
        wait.until(ExpectedConditions.stalenessOf(table));
    }
}
