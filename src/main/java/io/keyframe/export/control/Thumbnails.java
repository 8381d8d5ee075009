package io.keyframe.export.control;

import io.keyframe.export.entity.ExportSegment;
import io.keyframe.platform.config.InvalidConfigurationException;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.segment.control.SegmentPaths;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * JPEG thumbnails of segments: the first frame (a keyframe), {@link #WIDTH} pixels wide, made once
 * by the {@link MediaEngine} and cached in {@code {recording root}/.keyframe/thumbnails/{id}.jpg}.
 * Only closed segments have rows, so a thumbnail never changes. At most
 * {@code playback.max_thumbnail_jobs} (default 2) are made at once; a request waits up to
 * {@link #SLOT_WAIT} for a slot (a dashboard asks for many at once), then gets a 503. The cached
 * file goes with its segment ({@code SegmentCaches}).
 */
@ApplicationScoped
public class Thumbnails {

    public static final String MAX_JOBS = "playback.max_thumbnail_jobs";
    /** Width of every thumbnail in pixels; the height follows the picture's aspect ratio. */
    public static final int WIDTH = 320;
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(20);
    static final Duration SLOT_WAIT = Duration.ofSeconds(10);
    /** Segments whose thumbnail failed are remembered (up to this many) and not tried again. */
    private static final int MAX_FAILURES = 10_000;
    private static final Logger LOG = Logger.getLogger(Thumbnails.class.getName());

    @Inject
    KeyframeSettings settings;

    @Inject
    MediaEngine engine;

    @Inject
    ScratchSpace scratch;

    @Inject
    ExportSegments segments;

    @Inject
    @ConfigProperty(name = MAX_JOBS, defaultValue = "2")
    int maxJobs;

    private final ConcurrentHashMap<Long, Object> inProgress = new ConcurrentHashMap<>();
    private final Set<Long> failed = ConcurrentHashMap.newKeySet();
    private Semaphore slots;

    @PostConstruct
    void init() {
        if (maxJobs < 1 || maxJobs > 16) {
            throw new InvalidConfigurationException(MAX_JOBS, "must be a whole number from 1 to 16, got " + maxJobs);
        }
        slots = new Semaphore(maxJobs);
    }

    /**
     * The JPEG of segment {@code id}, made now unless cached. A second request for the same
     * segment waits for the first.
     *
     * @throws ApiException 404 for no such (closed) segment or a missing file, 422 for footage no
     *                      frame could be decoded from, 503 ({@link BusyException}) when every
     *                      slot stayed taken
     */
    public Path jpeg(long id) {
        ExportSegment segment = segments.byId(id).orElseThrow(() -> ApiException.notFound(
                "no segment " + id + " (a segment is listed once its file is closed)"));
        Path cached = SegmentPaths.thumbnailOf(settings.recordingRoot(), id);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        if (!"h264".equals(segment.videoCodec()) && !"h265".equals(segment.videoCodec())) {
            throw new ApiException(422, "segment " + id + " has video codec " + segment.videoCodec()
                    + ", which has no thumbnail");
        }
        if (failed.contains(id)) {
            throw undecodable(id);
        }
        Path source = SegmentPaths.underRoot(settings.recordingRoot(), segment.filePath())
                .filter(Files::isRegularFile)
                .orElseThrow(() -> ApiException.notFound("the file of segment " + id + " is missing"));
        Object lock = inProgress.computeIfAbsent(id, k -> new Object());
        synchronized (lock) {
            try {
                if (!Files.isRegularFile(cached)) {
                    make(segment, source, cached);
                }
                return cached;
            } finally {
                inProgress.remove(id, lock);
            }
        }
    }

    private void make(ExportSegment segment, Path source, Path cached) {
        acquireSlot();
        Path dir = null;
        try {
            dir = scratch.newDirectory("thumbnail");
            Path target = dir.resolve("thumbnail.jpg");
            long began = System.nanoTime();
            engine.snapshot(source, segment.videoCodec(), WIDTH, target, JOB_TIMEOUT);
            Files.createDirectories(cached.getParent());
            Files.move(target, cached, StandardCopyOption.ATOMIC_MOVE);
            // deleted meanwhile? Deletion marks the row before it deletes files, so either we see
            // the mark now or the deleter runs after this move and takes the thumbnail with it
            if (segments.byId(segment.id()).isEmpty()) {
                Files.deleteIfExists(cached);
                throw ApiException.notFound("no segment " + segment.id());
            }
            long millis = (System.nanoTime() - began) / 1_000_000;
            LOG.fine(() -> "thumbnail of segment " + segment.id() + " in " + millis + " ms");
        } catch (MediaJobException | IOException e) {
            LOG.log(Level.WARNING, "thumbnail of segment " + segment.id() + " failed: " + e.getMessage(), e);
            if (failed.size() >= MAX_FAILURES) {
                failed.clear();
            }
            failed.add(segment.id());
            throw undecodable(segment.id());
        } finally {
            slots.release();
            ScratchSpace.deleteTree(dir);
        }
    }

    private void acquireSlot() {
        try {
            if (slots.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new BusyException(maxJobs + " thumbnails are being made; try again shortly", Duration.ofSeconds(2));
    }

    private static ApiException undecodable(long id) {
        return new ApiException(422, "no picture could be decoded from segment " + id + "; see the server log");
    }
}
