package io.keyframe.export.control;

import io.keyframe.export.entity.ExportSegment;
import io.keyframe.platform.config.InvalidConfigurationException;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.platform.rest.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * H.264 renditions of H.265 segments, which Chromium cannot play. A rendition is transcoded once
 * into {@code {recording root}/.keyframe/renditions/{segment id}.mp4} and reused; at most
 * {@code playback.max_transcodes} (default 1) transcodes run at once, more get a 503. An H.264
 * segment is its own rendition.
 */
@ApplicationScoped
public class Renditions implements io.keyframe.segment.control.H264Renditions {

    public static final String MAX_TRANSCODES = "playback.max_transcodes";
    private static final Duration BASE_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(Renditions.class.getName());

    @Inject
    KeyframeSettings settings;

    @Inject
    MediaEngine engine;

    @Inject
    ScratchSpace scratch;

    @Inject
    ExportSegments segments;

    @Inject
    @ConfigProperty(name = MAX_TRANSCODES, defaultValue = "1")
    int maxTranscodes;

    private final ConcurrentHashMap<Long, Object> inProgress = new ConcurrentHashMap<>();
    private Semaphore slots;

    @PostConstruct
    void init() {
        if (maxTranscodes < 1 || maxTranscodes > 64) {
            throw new InvalidConfigurationException(MAX_TRANSCODES, "must be a whole number from 1 to 64, got " + maxTranscodes);
        }
        slots = new Semaphore(maxTranscodes);
    }

    /** {@code {recording root}/.keyframe/renditions}. */
    public Path directory() {
        return settings.recordingRoot().resolve(".keyframe").resolve("renditions");
    }

    /**
     * The H.264 file of a segment: the segment's own file if it is H.264, else its rendition,
     * transcoded now unless cached. A second request for the same segment waits for the first.
     *
     * @throws ApiException 404 for no such segment, 422 for a codec that cannot be transcoded,
     *                      503 ({@link BusyException}) when every transcode slot is taken
     */
    @Override
    public Path h264(long id) {
        ExportSegment segment = segments.byId(id).orElseThrow(() -> ApiException.notFound("no segment " + id));
        Path original = file(segment);
        if ("h264".equals(segment.videoCodec())) {
            return original;
        }
        if (!"h265".equals(segment.videoCodec())) {
            throw new ApiException(422, "segment " + id + " has video codec " + segment.videoCodec() + ", which cannot be transcoded");
        }
        Path cached = io.keyframe.segment.control.SegmentPaths.renditionOf(settings.recordingRoot(), id);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Object lock = inProgress.computeIfAbsent(id, k -> new Object());
        synchronized (lock) {
            try {
                if (!Files.isRegularFile(cached)) {
                    transcode(segment, original, cached);
                }
                return cached;
            } finally {
                inProgress.remove(id, lock);
            }
        }
    }

    private void transcode(ExportSegment segment, Path original, Path cached) {
        if (!slots.tryAcquire()) {
            throw new BusyException(maxTranscodes + " transcodes are running; try again shortly",
                    Duration.ofSeconds(Math.max(5, segment.duration().toSeconds())));
        }
        Path dir = null;
        try {
            dir = scratch.newDirectory("rendition");
            Path target = dir.resolve("rendition.mp4");
            long began = System.nanoTime();
            engine.transcodeToH264(original, segment.hasAudio(), target, dir,
                    BASE_TIMEOUT.plus(segment.duration().multipliedBy(4)));
            Files.createDirectories(cached.getParent());
            Files.move(target, cached, StandardCopyOption.ATOMIC_MOVE);
            long millis = (System.nanoTime() - began) / 1_000_000;
            LOG.info(() -> "H.264 rendition of segment " + segment.id() + ": " + segment.duration().toMillis()
                    + " ms of video in " + millis + " ms");
        } catch (MediaJobException | IOException e) {
            LOG.log(Level.WARNING, "H.264 rendition of segment " + segment.id() + " failed: " + e.getMessage(), e);
            throw new ApiException(500, "the transcode failed; see the server log");
        } finally {
            slots.release();
            ScratchSpace.deleteTree(dir);
        }
    }

    private Path file(ExportSegment segment) {
        Path root = settings.recordingRoot();
        Path file = root.resolve(segment.filePath()).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            LOG.warning(() -> "segment " + segment.id() + " has no file at " + segment.filePath());
            throw new ApiException(500, "the file of segment " + segment.id() + " is missing");
        }
        return file;
    }
}
