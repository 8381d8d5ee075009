package io.keyframe.segment.control;

import io.keyframe.platform.config.KeyframeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Deletes segments crash-safely (after Moonfire's protocol): mark the rows {@code deleting} with
 * reason and actor; delete each file, its H.264 rendition and folders left empty; delete the rows
 * and write their audit entries in one transaction. A run interrupted anywhere leaves rows marked
 * {@code deleting}, which {@link #finishInterrupted()} completes at the next start, before the
 * reconciler looks for rows without files. Only files under the recording root are ever deleted.
 */
@ApplicationScoped
public class SegmentDeleter {

    /** Rows per transaction. */
    static final int BATCH = 500;
    /** A folder changed this recently may be about to receive the next segment: left alone. */
    private static final Duration FRESH_FOLDER = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(SegmentDeleter.class.getName());

    @Inject
    KeyframeSettings settings;

    @Inject
    DeletionStore store;

    @Inject
    Clock clock;

    /** What a deletion did. */
    public record Outcome(int deleted, long freedBytes, int skipped) {
        public static final Outcome NONE = new Outcome(0, 0, 0);

        Outcome plus(Outcome other) {
            return new Outcome(deleted + other.deleted, freedBytes + other.freedBytes, skipped + other.skipped);
        }
    }

    /**
     * Deletes the segments {@code ids} in batches. Rows that are held, gone or already being deleted
     * are skipped (counted in {@link Outcome#skipped()}).
     *
     * @param reason wire name for the audit: {@code retention_age}, {@code disk_usage}, {@code manual}
     * @param actor  {@code timer} or the user of a manual route
     */
    public Outcome delete(List<Long> ids, String reason, String actor) {
        Outcome total = Outcome.NONE;
        for (int i = 0; i < ids.size(); i += BATCH) {
            List<Long> batch = ids.subList(i, Math.min(ids.size(), i + BATCH));
            List<DeletionStore.Marked> marked = store.mark(batch, reason, actor);
            total = total.plus(removeFiles(marked, null)).plus(new Outcome(0, 0, batch.size() - marked.size()));
        }
        return total;
    }

    /** Completes deletions that a crash or a stop interrupted. */
    public Outcome finishInterrupted() {
        Outcome total = Outcome.NONE;
        while (true) {
            List<DeletionStore.Marked> rows = store.interrupted(BATCH);
            if (rows.isEmpty()) {
                break;
            }
            // rows whose file cannot be deleted go back to ready, so this loop ends
            total = total.plus(removeFiles(rows, "finished after an interrupted run"));
        }
        if (total.deleted() > 0) {
            LOG.info("finished " + total.deleted() + " interrupted segment deletions, " + total.freedBytes() + " bytes");
        }
        return total;
    }

    private Outcome removeFiles(List<DeletionStore.Marked> marked, String detail) {
        Path root = settings.recordingRoot();
        List<DeletionStore.Marked> done = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        long freed = 0;
        for (DeletionStore.Marked row : marked) {
            Optional<Path> file = SegmentPaths.underRoot(root, row.filePath());
            if (file.isEmpty()) {
                LOG.warning("camera=" + row.cameraId() + " segment " + row.id()
                        + " names a file outside the recording root; the file is left alone, the row goes");
                done.add(row);
                continue;
            }
            try {
                boolean existed = Files.deleteIfExists(file.get());
                Files.deleteIfExists(SegmentPaths.renditionOf(root, row.id()));
                removeEmptyFolders(root, file.get().getParent());
                if (existed) {
                    freed += row.sizeBytes();
                }
                done.add(row);
            } catch (IOException e) {
                LOG.warning("camera=" + row.cameraId() + " cannot delete the file of segment " + row.id() + ": " + e);
                failed.add(row.id());
            }
        }
        if (!failed.isEmpty()) {
            store.unmark(failed);
        }
        store.finish(done, detail);
        for (DeletionStore.Marked row : done) {
            LOG.info("deleted segment " + row.id() + " camera=" + row.cameraId() + " stream=" + row.streamId()
                    + " reason=" + row.reason() + " by=" + row.actor() + " bytes=" + row.sizeBytes()
                    + " start=" + row.start() + " path=" + row.filePath());
        }
        return new Outcome(done.size(), freed, failed.size());
    }

    /** Removes {@code dir} and its parents while empty, stopping at the root and at fresh folders. */
    private void removeEmptyFolders(Path root, Path dir) {
        Instant freshAfter = clock.instant().minus(FRESH_FOLDER);
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            try {
                if (Files.getLastModifiedTime(d).toInstant().isAfter(freshAfter)) {
                    return;
                }
                Files.delete(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                LOG.fine("cannot remove folder " + d + ": " + e);
                return;
            }
        }
    }
}
