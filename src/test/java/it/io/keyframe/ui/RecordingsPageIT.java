package it.io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.segment.Footage;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The recordings page in Chromium: the day's timeline shows the footage, a click on it plays a
 * segment, the player continues into the next segment, and a selected range downloads as one MP4.
 */
@ExtendWith(SharedServer.class)
class RecordingsPageIT {

    private static final String CAMERA = "recpage";

    @Test
    void playsFromTheTimelineAcrossSegmentsAndExportsARange(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        List<JsonObject> rows;
        try (CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start()) {
            Footage.camera(api, CAMERA, cameras.url(Mount.H264));
            rows = Footage.record(api, CAMERA, 20, 3);
        }
        try (Browser browser = Browser.signedIn(server)) {
            // opened at an instant (as the events page links): zoomed in there and playing
            Instant at = Instant.parse(rows.get(0).getString("start_time")).plusSeconds(1);
            browser.driver().get(server.uri("/ui/recordings.xhtml?camera=" + CAMERA + "&at=" + at).toString());
            Map<?, ?> state = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> (Map<?, ?>) browser.script("return KeyframeRecordings.state()"),
                            s -> ((Number) s.get("segments")).intValue() >= rows.size());
            assertEquals(rows.size(), ((Number) state.get("segments")).intValue());
            assertTrue(browser.driver().findElement(By.id("day-summary")).getText().startsWith(rows.size() + " segment"));
            Map<?, ?> opened = awaitPlaying(browser);
            assertEquals(rows.get(0).getJsonNumber("id").longValue(), ((Number) opened.get("segment")).longValue());
            assertEquals("1 h", browser.driver().findElement(By.id("zoom-label")).getText());

            // a click on the footage in the bar plays what lies under the pointer
            browser.script("KeyframeRecordings.stop()");
            WebElement covered = browser.driver().findElement(By.cssSelector("#track .kf-tl-covered"));
            covered.click();
            Map<?, ?> playing = awaitPlaying(browser);
            long firstSegment = ((Number) playing.get("segment")).longValue();
            browser.screenshot("recordings");

            // one second before the end of a segment: the player goes on into the next one by itself
            JsonObject segment = rows.stream().filter(r -> r.getJsonNumber("id").longValue() == firstSegment).findFirst()
                    .orElseThrow();
            int index = rows.indexOf(segment);
            if (index == rows.size() - 1) {
                segment = rows.get(0);
                index = 0;
            }
            long next = rows.get(index + 1).getJsonNumber("id").longValue();
            browser.script("KeyframeRecordings.playAt(arguments[0])",
                    Instant.parse(segment.getString("end_time")).minusMillis(1000).toString());
            Map<?, ?> continued = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> (Map<?, ?>) browser.script("return KeyframeRecordings.state()"),
                            s -> s.get("error") != null || ((Number) s.get("segment")).longValue() == next
                                    && ((Number) s.get("ready")).intValue() >= 2 && !(Boolean) s.get("paused"));
            assertNull(continued.get("error"), "media error: " + continued);

            // export the middle of the recording: typed times of day (server zone), one MP4 downloaded
            DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
            Instant from = Instant.parse(rows.get(0).getString("start_time")).plusSeconds(2);
            Instant to = Instant.parse(rows.get(rows.size() - 1).getString("start_time")).plusSeconds(2);
            WebElement fromField = browser.driver().findElement(By.id("sel-from"));
            WebElement toField = browser.driver().findElement(By.id("sel-to"));
            fromField.clear();
            fromField.sendKeys(hms.format(to));
            toField.clear();
            toField.sendKeys(hms.format(from));
            browser.driver().findElement(By.id("export")).click();
            assertTrue(browser.driver().findElement(By.id("export-status")).getText().contains("after From"),
                    "an empty range is refused in place");
            fromField.clear();
            fromField.sendKeys(hms.format(from));
            toField.clear();
            toField.sendKeys(hms.format(to));
            browser.driver().findElement(By.id("export")).click();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> browser.driver().findElement(By.id("export-status")).getText(),
                            t -> t.startsWith("Ready") || t.startsWith("Export failed"));
            assertTrue(browser.driver().findElement(By.id("export-status")).getText().startsWith("Ready"),
                    browser.driver().findElement(By.id("export-status")).getText());
            Path mp4 = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> downloaded(browser.downloads()), p -> p != null);
            assertTrue(mp4.getFileName().toString().startsWith(CAMERA + "_main_"), mp4.toString());
            byte[] head = Arrays.copyOf(Files.readAllBytes(mp4), 12);
            assertEquals("ftyp", new String(head, 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
            browser.screenshot("recordings-export");
            // every page this browser opened ran without a Content-Security-Policy violation
            browser.assertNoCspViolations();
        }
    }

    private static Map<?, ?> awaitPlaying(Browser browser) {
        Map<?, ?> state = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> (Map<?, ?>) browser.script("return KeyframeRecordings.state()"),
                        s -> s.get("error") != null || s.get("segment") != null
                                && ((Number) s.get("ready")).intValue() >= 2 && !(Boolean) s.get("paused"));
        assertNull(state.get("error"), "media error: " + state);
        return state;
    }

    /** The finished MP4 in the download folder (Chromium writes {@code .crdownload} until done). */
    private static Path downloaded(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".mp4")).findFirst().orElse(null);
        }
    }
}
