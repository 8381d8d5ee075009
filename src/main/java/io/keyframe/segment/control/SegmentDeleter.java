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
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.logging.Logger;

/**
 * Deletes segments crash-safely (after Moonfire's protocol): mark the rows {@code deleting} with
 * reason and actor; delete each file, its cached rendition and thumbnail ({@link SegmentCaches}) and folders left empty; delete the rows
 * and write their audit entries in one transaction. A run interrupted anywhere leaves rows marked
 * {@code deleting}, which {@link #finishInterrupted()} completes at the next start, before the
 * reconciler looks for rows without files. Only files under the recording root are ever deleted.
 */
@ApplicationScoped
public class SegmentDeleter {

    /** Rows per transaction. */
    static final int BATCH = 500;
    /** A folder changed this recently may be about to receive the next segment: left alone. */
    private static final Duration FRESH_FOLDER = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(SegmentDeleter.class.getName());

    @Inject
    KeyframeSettings settings;

    @Inject
    DeletionStore store;

    @Inject
    Clock clock;

    @Inject
    CatalogMetrics metrics;

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
        Path realRoot = realPath(root);
        // file deletes are one system call each: done in parallel, they do not wait on one another
        List<FileResult> results = marked.parallelStream().map(row -> deleteFile(root, row)).toList();
        List<DeletionStore.Marked> done = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        Set<Path> folders = new TreeSet<>(Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(Path::toString));
        long freed = 0;
        for (FileResult result : results) {
            if (result.ok()) {
                done.add(result.row());
                freed += result.existed() ? result.row().sizeBytes() : 0;
                if (result.folder() != null) {
                    folders.add(result.folder());
                }
            } else {
                failed.add(result.row().id());
            }
        }
        if (!failed.isEmpty()) {
            store.unmark(failed);
        }
        store.finish(done, detail);
        Instant now = clock.instant();
        folders.forEach(folder -> removeEmptyFolders(realRoot, folder, now));
        if (!done.isEmpty()) {
            metrics.deleted(done.get(0).reason(), done.size(), freed);
            // one line per batch that names every segment (the audit table has the details)
            DeletionStore.Marked first = done.get(0);
            LOG.info("deleted " + done.size() + " segments reason=" + first.reason() + " by=" + first.actor()
                    + " bytes=" + done.stream().mapToLong(DeletionStore.Marked::sizeBytes).sum()
                    + " cameras=" + done.stream().map(DeletionStore.Marked::cameraId).distinct().sorted().toList()
                    + " from=" + done.stream().map(DeletionStore.Marked::start).min(Comparator.naturalOrder()).orElseThrow()
                    + " ids=" + done.stream().map(r -> Long.toString(r.id())).collect(Collectors.joining(",")));
        }
        return new Outcome(done.size(), freed, failed.size());
    }

    private record FileResult(DeletionStore.Marked row, boolean ok, boolean existed, Path folder) {
    }

    private static FileResult deleteFile(Path root, DeletionStore.Marked row) {
        Optional<Path> file = SegmentPaths.underRoot(root, row.filePath());
        if (file.isEmpty()) {
            LOG.warning("camera=" + row.cameraId() + " segment " + row.id()
                    + " names a file outside the recording root; the file is left alone, the row goes");
            return new FileResult(row, true, false, null);
        }
        try {
            boolean existed = Files.deleteIfExists(file.get());
            SegmentCaches.deleteFor(root, row.id());
            return new FileResult(row, true, existed, file.get().getParent());
        } catch (IOException e) {
            LOG.warning("camera=" + row.cameraId() + " cannot delete the file of segment " + row.id() + ": " + e);
            return new FileResult(row, false, false, null);
        }
    }

    /**
     * Removes {@code dir} and its parents while empty, up to (not including) the camera's folder.
     * A folder whose time (from the dated layout {@code camera/yyyy/MM/dd/HH}) is within
     * {@link #FRESH_FOLDER} of now is kept: the recorder may be about to write into it. Folders
     * outside that layout are kept.
     */
    private static void removeEmptyFolders(Path root, Path dir, Instant now) {
        for (Path d = dir; d != null && d.startsWith(root) && d.getNameCount() > root.getNameCount() + 1; d = d.getParent()) {
            Optional<SegmentPaths.Span> span = SegmentPaths.folderSpan(root, d);
            if (span.isEmpty() || span.get().overlaps(now.minus(FRESH_FOLDER), now.plus(FRESH_FOLDER))) {
                return;
            }
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                LOG.fine("cannot remove folder " + d + ": " + e);
                return;
            }
        }
    }

    private static Path realPath(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root;
        }
    }
}
