package it.io.keyframe.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET|HEAD /segments/{id}/file} on a really recorded segment: every answer's bytes are
 * compared with the file on disk.
 */
@ExtendWith(SharedServer.class)
class SegmentFileIT {

    private static CameraSimulator cameras;
    private static List<JsonObject> rows;
    private static KeyframeServer server;

    @BeforeAll
    static void record(KeyframeServer shared) throws Exception {
        server = shared;
        cameras = CameraSimulator.builder().port(0).h264(640, 360, 15).gopFrames(15).start();
        Api api = new Api(server);
        Footage.camera(api, "playfile", cameras.url(Mount.H264));
        rows = Footage.record(api, "playfile", 14, 2);
    }

    @AfterAll
    static void stopCameras() {
        cameras.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send(server.request(path).GET(), headers);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request, String... headers) throws Exception {
        if (headers.length > 0) {
            request.headers(headers);
        }
        return server.http().send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static Path file(JsonObject row) {
        return server.recordingRoot().resolve(row.getString("file_path"));
    }

    @Test
    void theWholeFileWithItsHeaders() throws Exception {
        JsonObject row = rows.get(0);
        byte[] disk = Files.readAllBytes(file(row));
        HttpResponse<byte[]> response = get(row.getString("url"));
        assertEquals(200, response.statusCode());
        assertArrayEquals(disk, response.body());
        assertEquals("video/mp4", header(response, "Content-Type"));
        assertEquals("bytes", header(response, "Accept-Ranges"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals(Long.toString(disk.length), header(response, "Content-Length"));
        assertTrue(header(response, "ETag").matches("\"[0-9a-f]+-[0-9a-f]+-[0-9a-f]+\""), header(response, "ETag"));
        assertTrue(header(response, "Last-Modified").endsWith("GMT"), header(response, "Last-Modified"));
        String name = Path.of(row.getString("file_path")).getFileName().toString();
        assertEquals("inline; filename=\"" + name + "\"", header(response, "Content-Disposition"));
    }

    @Test
    void singleRangesGetExactlyTheirBytes() throws Exception {
        JsonObject row = rows.get(0);
        byte[] disk = Files.readAllBytes(file(row));
        int size = disk.length;
        int middle = size / 2;
        assertRange(row, disk, "bytes=0-99", 0, 99);
        assertRange(row, disk, "bytes=" + middle + "-" + (middle + 4095), middle, middle + 4095);
        assertRange(row, disk, "bytes=-500", size - 500, size - 1);
        assertRange(row, disk, "bytes=" + (size - 1000) + "-", size - 1000, size - 1);
        assertRange(row, disk, "bytes=" + middle + "-" + (size + 100_000), middle, size - 1);
    }

    private static void assertRange(JsonObject row, byte[] disk, String range, int first, int last) throws Exception {
        HttpResponse<byte[]> response = get(row.getString("url"), "Range", range);
        assertEquals(206, response.statusCode(), range);
        assertEquals("bytes " + first + "-" + last + "/" + disk.length, header(response, "Content-Range"), range);
        assertEquals(Integer.toString(last - first + 1), header(response, "Content-Length"), range);
        assertArrayEquals(Arrays.copyOfRange(disk, first, last + 1), response.body(), range);
    }

    @Test
    void rangesPastTheEndAre416WithTheSize() throws Exception {
        JsonObject row = rows.get(0);
        long size = Files.size(file(row));
        for (String range : List.of("bytes=" + size + "-", "bytes=" + (size + 10) + "-" + (size + 20), "bytes=-0")) {
            HttpResponse<byte[]> response = get(row.getString("url"), "Range", range);
            assertEquals(416, response.statusCode(), range);
            assertEquals("bytes */" + size, header(response, "Content-Range"));
            assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("\"status\":416"));
        }
    }

    @Test
    void conditionalRequests() throws Exception {
        JsonObject row = rows.get(0);
        byte[] disk = Files.readAllBytes(file(row));
        HttpResponse<byte[]> first = get(row.getString("url"));
        String etag = header(first, "ETag");
        HttpResponse<byte[]> cached = get(row.getString("url"), "If-None-Match", etag);
        assertEquals(304, cached.statusCode());
        assertEquals(0, cached.body().length);
        assertEquals(etag, header(cached, "ETag"));
        assertEquals(304, get(row.getString("url"), "If-Modified-Since", header(first, "Last-Modified")).statusCode());
        assertEquals(200, get(row.getString("url"), "If-None-Match", "\"other\"").statusCode());
        // If-Range: the range only while the validator matches, else the whole file
        HttpResponse<byte[]> sameVersion = get(row.getString("url"), "Range", "bytes=0-9", "If-Range", etag);
        assertEquals(206, sameVersion.statusCode());
        HttpResponse<byte[]> changed = get(row.getString("url"), "Range", "bytes=0-9", "If-Range", "\"stale\"");
        assertEquals(200, changed.statusCode());
        assertArrayEquals(disk, changed.body());
        assertEquals(206, get(row.getString("url"), "Range", "bytes=0-9", "If-Range", header(first, "Last-Modified")).statusCode());
        assertEquals(412, get(row.getString("url"), "If-Match", "\"other\"").statusCode());
    }

    @Test
    void headAnswersTheHeadersWithoutABody() throws Exception {
        JsonObject row = rows.get(0);
        long size = Files.size(file(row));
        HttpResponse<byte[]> head = send(server.request(row.getString("url"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(Long.toString(size), header(head, "Content-Length"));
        assertEquals("video/mp4", header(head, "Content-Type"));
        HttpResponse<byte[]> partial = send(server.request(row.getString("url"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), "Range", "bytes=-500");
        assertEquals(206, partial.statusCode());
        assertEquals("bytes " + (size - 500) + "-" + (size - 1) + "/" + size, header(partial, "Content-Range"));
    }

    @Test
    void aFileDeletedWhileServedIsStillServedWholeThenA404() throws Exception {
        JsonObject row = rows.get(rows.size() - 1);
        Path path = file(row);
        byte[] disk = Files.readAllBytes(path);
        HttpResponse<InputStream> response = server.http().send(server.request(row.getString("url"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        byte[] body;
        try (InputStream in = response.body()) {
            byte[] head = in.readNBytes(100);
            Files.delete(path);
            byte[] rest = in.readAllBytes();
            body = new byte[head.length + rest.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(rest, 0, body, head.length, rest.length);
        }
        assertArrayEquals(disk, body);
        HttpResponse<byte[]> gone = get(row.getString("url"));
        assertEquals(404, gone.statusCode());
        assertTrue(header(gone, "Content-Type").startsWith("application/json"));
        assertTrue(new String(gone.body(), StandardCharsets.UTF_8).contains("is missing"));
    }
}
