package io.keyframe.export.control;

import io.keyframe.export.entity.ExportSegment;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.platform.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds export files: at most {@link #MAX_CONCURRENT} at once, each in its own scratch directory,
 * by stream copy through the {@link MediaEngine}. The caller sends the file and then deletes the
 * directory ({@link ExportFile#delete()}).
 */
@ApplicationScoped
public class Exporter {

    /** Exports built at the same time; more get a 503. Stream copy is disk-bound, not CPU-bound. */
    public static final int MAX_CONCURRENT = 2;
    private static final Duration BASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(Exporter.class.getName());

    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);
    private final Map<Long, Integer> reading = new ConcurrentHashMap<>();

    @Inject
    KeyframeSettings settings;

    @Inject
    MediaEngine engine;

    @Inject
    ScratchSpace scratch;

    /** A finished export file inside its own scratch directory. */
    public record ExportFile(Path file, Path directory) {
        /** Deletes the file and its directory. */
        public void delete() {
            ScratchSpace.deleteTree(directory);
        }
    }

    /**
     * Builds the MP4 of a plan.
     *
     * @throws BusyException when {@link #MAX_CONCURRENT} exports are being built
     * @throws ApiException  500 when the files are missing or the job fails (details in the log)
     */
    public ExportFile build(ExportPlan plan, String logName) {
        List<Path> files = new ArrayList<>();
        for (ExportSegment part : plan.parts()) {
            files.add(file(part));
        }
        if (!slots.tryAcquire()) {
            throw new BusyException(MAX_CONCURRENT + " exports are being built; try again shortly", Duration.ofSeconds(5));
        }
        Path dir = null;
        plan.parts().forEach(part -> reading.merge(part.id(), 1, Integer::sum));
        try {
            dir = scratch.newDirectory("export");
            Path target = dir.resolve("export.mp4");
            long began = System.nanoTime();
            engine.join(files, plan.parts().get(0).videoCodec(), plan.audio(), plan.start(), plan.stop(), target,
                    Files.createDirectories(dir.resolve("work")), timeout(plan));
            long millis = (System.nanoTime() - began) / 1_000_000;
            LOG.info(() -> "export " + logName + ": " + plan.parts().size() + " files, " + plan.covered().toMillis()
                    + " ms of footage in " + millis + " ms");
            return new ExportFile(target, dir);
        } catch (MediaJobException | java.io.IOException | java.io.UncheckedIOException e) {
            ScratchSpace.deleteTree(dir);
            LOG.log(Level.WARNING, "export " + logName + " failed: " + e.getMessage(), e);
            throw new ApiException(500, "the export failed; see the server log");
        } catch (RuntimeException e) {
            ScratchSpace.deleteTree(dir);
            throw e;
        } finally {
            plan.parts().forEach(part -> reading.computeIfPresent(part.id(), (id, n) -> n > 1 ? n - 1 : null));
            slots.release();
        }
    }

    /** Ids of the segments that exports are reading right now: retention must not delete them. */
    public Set<Long> segmentsInUse() {
        return Set.copyOf(reading.keySet());
    }

    /** 30 s plus one second per 30 s of footage: stream copy runs far faster than that. */
    static Duration timeout(ExportPlan plan) {
        return BASE_TIMEOUT.plus(plan.covered().dividedBy(30));
    }

    private Path file(ExportSegment part) {
        Path root = settings.recordingRoot();
        Path file = root.resolve(part.filePath()).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            LOG.warning(() -> "segment " + part.id() + " has no file at " + part.filePath());
            throw new ApiException(500, "the file of segment " + part.id() + " is missing");
        }
        return file;
    }
}
