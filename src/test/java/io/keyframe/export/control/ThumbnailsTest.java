package io.keyframe.export.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyframe.export.entity.ExportSegment;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.platform.rest.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache and error handling of {@link Thumbnails}, with a fake engine and fake rows. */
class ThumbnailsTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};

    @TempDir
    Path root;

    private final Map<Long, ExportSegment> rows = new HashMap<>();
    private final AtomicInteger jobs = new AtomicInteger();
    private boolean engineFails;
    private Thumbnails thumbnails;

    @BeforeEach
    void setUp() throws Exception {
        thumbnails = new Thumbnails();
        thumbnails.settings = new KeyframeSettings(root, Duration.ofSeconds(6), Duration.ofSeconds(10),
                new KeyframeSettings.Cleanup(true, 30, 80, Duration.ofHours(1)));
        thumbnails.engine = new FakeEngine();
        thumbnails.scratch = new ScratchSpace();
        thumbnails.scratch.settings = thumbnails.settings;
        thumbnails.segments = new ExportSegments() {
            @Override
            public Optional<ExportSegment> byId(long id) {
                return Optional.ofNullable(rows.get(id));
            }
        };
        thumbnails.maxJobs = 1;
        thumbnails.init();
        Files.createDirectories(root.resolve("cam/2026/11/29/10"));
        Files.write(root.resolve("cam/2026/11/29/10/a.mp4"), new byte[] {0});
    }

    private void row(long id, String codec, String path) {
        rows.put(id, new ExportSegment(id, Instant.parse("2026-11-29T10:00:00Z"), Duration.ofSeconds(6), path, codec,
                640, 360, false));
    }

    @Test
    void theJpegIsMadeOnceAndThenServedFromTheCache() throws Exception {
        row(1, "h265", "cam/2026/11/29/10/a.mp4");
        Path first = thumbnails.jpeg(1);
        Path second = thumbnails.jpeg(1);
        assertEquals(root.resolve(".keyframe/thumbnails/1.jpg"), first);
        assertEquals(first, second);
        assertArrayEquals(JPEG, Files.readAllBytes(first));
        assertEquals(1, jobs.get());
        // the job's scratch directory is gone
        try (var left = Files.list(root.resolve(".keyframe/tmp"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void unknownSegmentsAndMissingFilesAre404AndOtherCodecs422() {
        assertEquals(404, assertThrows(ApiException.class, () -> thumbnails.jpeg(5)).status());
        row(2, "h264", "cam/2026/11/29/10/gone.mp4");
        ApiException missing = assertThrows(ApiException.class, () -> thumbnails.jpeg(2));
        assertEquals(404, missing.status());
        assertEquals("the file of segment 2 is missing", missing.getMessage());
        row(3, "mjpeg", "cam/2026/11/29/10/a.mp4");
        assertEquals(422, assertThrows(ApiException.class, () -> thumbnails.jpeg(3)).status());
        row(4, "h264", "../outside.mp4");
        assertEquals(404, assertThrows(ApiException.class, () -> thumbnails.jpeg(4)).status());
        assertEquals(0, jobs.get());
    }

    @Test
    void aFailedJobIs422AndIsNotTriedAgain() {
        row(6, "h264", "cam/2026/11/29/10/a.mp4");
        engineFails = true;
        ApiException failed = assertThrows(ApiException.class, () -> thumbnails.jpeg(6));
        assertEquals(422, failed.status());
        assertEquals(422, assertThrows(ApiException.class, () -> thumbnails.jpeg(6)).status());
        assertEquals(1, jobs.get());
        assertEquals(false, Files.exists(root.resolve(".keyframe/thumbnails/6.jpg")));
    }

    @Test
    void aSegmentDeletedWhileItsThumbnailWasMadeLeavesNoFile() {
        row(7, "h264", "cam/2026/11/29/10/a.mp4");
        thumbnails.engine = new FakeEngine() {
            @Override
            public void snapshot(Path source, String codec, int width, Path target, Duration timeout) {
                super.snapshot(source, codec, width, target, timeout);
                rows.remove(7L); // retention marked the row meanwhile
            }
        };
        assertEquals(404, assertThrows(ApiException.class, () -> thumbnails.jpeg(7)).status());
        assertEquals(false, Files.exists(root.resolve(".keyframe/thumbnails/7.jpg")));
    }

    private class FakeEngine implements MediaEngine {
        @Override
        public void join(List<Path> files, String codec, boolean audio, Duration start, Duration stop, Path target,
                         Path scratch, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void transcodeToH264(Path source, boolean audio, Path target, Path scratch, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void snapshot(Path source, String codec, int width, Path target, Duration timeout) {
            jobs.incrementAndGet();
            assertEquals(Thumbnails.WIDTH, width);
            if (engineFails) {
                throw new MediaJobException("thumbnail-1: avdec_h264: decoding error");
            }
            try {
                Files.write(target, JPEG);
            } catch (java.io.IOException e) {
                throw new MediaJobException("cannot write", e);
            }
        }
    }
}
