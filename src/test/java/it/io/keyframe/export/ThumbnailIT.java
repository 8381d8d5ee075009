package it.io.keyframe.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.segment.Footage;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /segments/{id}/thumbnail} against real footage of an H.264 and an H.265 camera
 * (640x360): a decodable 320-pixel JPEG of a real picture, cached on disk and answered from the
 * cache the second time, 304 for its ETag, JSON errors for bad ids, and gone with its segment.
 */
@ExtendWith(SharedServer.class)
class ThumbnailIT {

    private static final String SUFFIX = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));

    @Test
    void thumbnailsOfH264AndH265SegmentsAreCachedJpegsThatGoWithTheirSegments(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        Map<String, Mount> cameras = Map.of("th264" + SUFFIX, Mount.H264, "th265" + SUFFIX, Mount.H265);
        try (CameraSimulator simulator = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15)
                .mounts(Mount.H264, Mount.H265).start()) {
            cameras.forEach((id, mount) -> Footage.camera(api, id, simulator.url(mount)));
            cameras.keySet().forEach(id -> Footage.start(api, id));
            Thread.sleep(8_000);
            cameras.keySet().forEach(id -> Footage.stop(api, id));
        }
        for (String camera : cameras.keySet()) {
            List<JsonObject> rows = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Footage.rows(api, camera), r -> !r.isEmpty());
            long id = rows.get(0).getJsonNumber("id").longValue();
            checkThumbnail(server, camera, id);
            // it goes with its segment
            Path cached = server.recordingRoot().resolve(".keyframe/thumbnails/" + id + ".jpg");
            var pruned = api.delete("/recording/prune/" + camera + "?older_than_days=0");
            assertEquals(200, pruned.status(), pruned.body());
            assertTrue(pruned.json().getInt("deleted_segments") >= 1, pruned.body());
            assertFalse(Files.exists(cached), "thumbnail of a pruned segment left behind: " + cached);
            var gone = api.get("/segments/" + id + "/thumbnail");
            assertEquals(404, gone.status(), gone.body());
        }

        var bad = api.get("/segments/abc/thumbnail");
        assertEquals(400, bad.status(), bad.body());
        assertEquals("a segment id is a positive whole number", bad.error());
        var unknown = api.get("/segments/987654321987/thumbnail");
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(unknown.error().startsWith("no segment 987654321987"), unknown.body());
    }

    private static void checkThumbnail(KeyframeServer server, String camera, long id) throws Exception {
        HttpResponse<byte[]> first = jpeg(server, id, null);
        assertEquals(200, first.statusCode(), camera + ": " + new String(first.body()));
        assertEquals("image/jpeg", first.headers().firstValue("Content-Type").orElse(""));
        byte[] bytes = first.body();
        assertEquals(0xFF, bytes[0] & 0xFF, camera + ": not a JPEG");
        assertEquals(0xD8, bytes[1] & 0xFF, camera + ": not a JPEG");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, camera + ": ImageIO cannot decode the thumbnail");
        assertEquals(320, image.getWidth(), camera);
        assertEquals(180, image.getHeight(), camera + ": 640x360 scaled to 320 wide keeps 16:9");
        assertTrue(distinctColours(image) > 20, camera + ": a uniform picture, " + distinctColours(image) + " colours");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String cacheControl = first.headers().firstValue("Cache-Control").orElse("");
        assertTrue(cacheControl.contains("max-age=86400") && cacheControl.contains("private"), cacheControl);

        // made once: the cached file is answered the second time, untouched
        Path cached = server.recordingRoot().resolve(".keyframe/thumbnails/" + id + ".jpg");
        assertTrue(Files.isRegularFile(cached), "no cached thumbnail at " + cached);
        FileTime made = Files.getLastModifiedTime(cached);
        Thread.sleep(20);
        HttpResponse<byte[]> second = jpeg(server, id, null);
        assertEquals(200, second.statusCode());
        assertArrayEquals(bytes, second.body());
        assertEquals(etag, second.headers().firstValue("ETag").orElseThrow());
        assertEquals(made, Files.getLastModifiedTime(cached), "the thumbnail was made again");
        assertArrayEquals(bytes, Files.readAllBytes(cached));

        HttpResponse<byte[]> notModified = jpeg(server, id, etag);
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
    }

    private static HttpResponse<byte[]> jpeg(KeyframeServer server, long id, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = server.request("/segments/" + id + "/thumbnail").GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return server.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Distinct colours in the picture, rounded to 4 bits a channel (JPEG noise does not count). */
    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xF0F0F0);
            }
        }
        return colours.size();
    }
}
