package it.io.keyframe.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Headless Chromium plays a recorded segment (and seeks to its middle) and an export in a video element. */
@ExtendWith(SharedServer.class)
class PlaybackBrowserIT {

    private static final String CREATE_VIDEO = """
            const v = document.createElement('video');
            v.muted = true;
            v.preload = 'auto';
            v.src = arguments[0];
            document.body.appendChild(v);
            window.keyframeVideo = v;
            return v.canPlayType('video/mp4; codecs="avc1.42E01E"');
            """;
    private static final String STATE = """
            const v = window.keyframeVideo;
            return {ready: v.readyState, time: v.currentTime, duration: v.duration,
                    error: v.error ? v.error.code + ' ' + v.error.message : null};
            """;
    private static final String SEEK = """
            const done = arguments[arguments.length - 1];
            const v = window.keyframeVideo;
            const timer = setTimeout(() => done({timeout: true, time: v.currentTime}), 20000);
            v.addEventListener('seeked', () => { clearTimeout(timer); done({time: v.currentTime}); }, {once: true});
            v.currentTime = arguments[0];
            """;

    @Test
    void chromiumPlaysASegmentAndAnExportAndSeeksToTheirMiddle(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        List<JsonObject> rows;
        try (CameraSimulator cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start()) {
            Footage.camera(api, "browserplay", cameras.url(Mount.H264));
            rows = Footage.record(api, "browserplay", 20, 3);
        }
        JsonObject row = rows.get(0);
        // an export from 2 s into the first segment to 2 s into the third: across two boundaries
        Instant from = Instant.parse(rows.get(0).getString("start_time")).plusSeconds(2);
        Instant to = Instant.parse(rows.get(2).getString("start_time")).plusSeconds(2);

        try (Browser browser = Browser.signedIn(server)) {
            // a page of the server itself: from about:blank the same element failed with a format
            // error (most likely Chromium's local network access rules); the player lives here anyway
            browser.driver().get(server.uri("/").toString());
            playAndSeek(browser, server.uri(row.getString("url")).toString(),
                    row.getJsonNumber("duration_ms").longValue() / 1000.0, 0.3, true);
            browser.driver().get(server.uri("/").toString());
            // the export is built once, kept in the export cache and answered with ranges: seekable
            playAndSeek(browser, server.uri("/cameras/browserplay/export?from=" + from + "&to=" + to
                    + "&disposition=inline").toString(), Duration.between(from, to).toMillis() / 1000.0, 1.2, true);
            // every page this browser opened ran without a Content-Security-Policy violation
            browser.assertNoCspViolations();
        }
    }

    /** Loads {@code url} in a video element, checks its duration, seeks to the middle (if asked) and plays on. */
    private static void playAndSeek(Browser browser, String url, double seconds, double durationTolerance, boolean seek) {
        assertFalse(String.valueOf(browser.script(CREATE_VIDEO, url)).isEmpty(), "Chromium cannot play H.264 MP4");
        Map<?, ?> loaded = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> (Map<?, ?>) browser.script(STATE),
                        s -> s.get("error") != null || ((Number) s.get("ready")).intValue() >= 2);
        assertEquals(null, loaded.get("error"), "media error: " + loaded + " for " + url);
        assertEquals(seconds, ((Number) loaded.get("duration")).doubleValue(), durationTolerance, "duration of " + url);

        if (!seek) {
            browser.script("window.keyframeVideo.play();");
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ((Number) ((Map<?, ?>) browser.script(STATE)).get("time")).doubleValue() > 1.0);
            return;
        }
        double target = seconds / 2;
        Map<?, ?> seeked = (Map<?, ?>) browser.asyncScript(SEEK, target);
        assertFalse(seeked.containsKey("timeout"), "no seeked event: " + seeked);
        double at = ((Number) seeked.get("time")).doubleValue();
        assertTrue(Math.abs(at - target) < 1.0, "currentTime " + at + ", target " + target);
        Map<?, ?> afterSeek = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> (Map<?, ?>) browser.script(STATE), s -> ((Number) s.get("ready")).intValue() >= 2);
        assertEquals(null, afterSeek.get("error"));

        // and it plays from there
        browser.script("window.keyframeVideo.play();");
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> ((Number) ((Map<?, ?>) browser.script(STATE)).get("time")).doubleValue() > at + 0.5);
    }
}
