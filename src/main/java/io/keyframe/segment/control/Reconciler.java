package io.keyframe.segment.control;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.recording.control.StartupRecovery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Makes files and rows agree at start-up, before any recording starts: journal entries left by a
 * crash are finished (verified, then a row or deletion); a playable file without a row gets one,
 * an unplayable one is removed; a row whose file is gone is removed. Every action is audited.
 */
@ApplicationScoped
public class Reconciler implements StartupRecovery {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
    private static final String ACTOR = "reconciler";
    /** Rows read per query when checking that every row still has its file. */
    static final int PAGE = 10_000;

    @Inject
    KeyframeSettings settings;

    @Inject
    SegmentStore store;

    @Inject
    SegmentCatalog catalog;

    @Inject
    SegmentDeleter deleter;

    @Override
    public void recover() {
        Path root = settings.recordingRoot();
        // first, deletions a crash interrupted: their rows may have lost their files already
        deleter.finishInterrupted();
        SegmentJournal journal = new SegmentJournal(root);
        for (JournalEntry entry : journal.entries()) {
            // nothing records yet: every entry is a file that will never grow again
            catalog.finish(entry.closed() ? entry : entry.closedWith(-1));
        }
        int added = addFilesWithoutRows(root);
        int removed = removeRowsWithoutFiles(root);
        LOG.info("reconciliation done: " + added + " files got rows, " + removed + " rows without files removed");
    }

    private int addFilesWithoutRows(Path root) {
        int added = 0;
        List<Path> cameraDirs;
        try (Stream<Path> dirs = Files.list(root)) {
            cameraDirs = dirs.filter(Files::isDirectory)
                    .filter(d -> CameraId.PATTERN.matcher(d.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            LOG.warning("cannot list the recording root " + root + ": " + e.getMessage());
            return 0;
        }
        for (Path cameraDir : cameraDirs) {
            String cameraId = cameraDir.getFileName().toString();
            Set<String> known = store.filePaths(cameraId);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(cameraDir)) {
                files = walk.filter(p -> p.getFileName().toString().endsWith(".mp4")).sorted().toList();
            } catch (IOException e) {
                LOG.warning("cannot walk " + cameraDir + ": " + e.getMessage());
                continue;
            }
            for (Path file : files) {
                String relative = SegmentPaths.relative(root, file);
                if (!known.contains(relative) && adopt(cameraId, file, relative)) {
                    added++;
                }
            }
        }
        return added;
    }

    private boolean adopt(String cameraId, Path file, String relative) {
        Optional<Instant> start = SegmentPaths.startFromName(file);
        Mp4Info info;
        try {
            info = Mp4Inspector.inspect(file);
        } catch (IOException e) {
            LOG.warning("cannot read " + relative + ": " + e.getMessage());
            return false;
        }
        String streamId = streamOf(cameraId, file.getFileName().toString());
        if (start.isEmpty() || !info.playable()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warning("cannot delete " + relative + ": " + e.getMessage());
                return false;
            }
            String why = start.isEmpty() ? "name not in the recording layout" : String.join("; ", info.problems());
            LOG.warning("camera=" + cameraId + " reconciliation removed unplayable file " + relative + ": " + why);
            store.audit(cameraId, streamId, null, relative, info.sizeBytes(), "reconcile_unplayable", ACTOR, why);
            return false;
        }
        store.insert(new SegmentRecord(cameraId, streamId, start.get(), info.duration().toMillis(), relative,
                info.sizeBytes(), "continuous", info.videoCodec(), info.width(), info.height(), info.hasAudio()));
        store.audit(cameraId, streamId, null, relative, info.sizeBytes(), "reconcile_added", ACTOR,
                "file without a row got one");
        LOG.info("camera=" + cameraId + " reconciliation added a row for " + relative);
        return true;
    }

    /** {@code cam{camera}_{time}.mp4} is the primary stream, {@code cam{camera}_{stream}_{time}.mp4} another. */
    private String streamOf(String cameraId, String name) {
        String rest = name.startsWith("cam" + cameraId + "_") ? name.substring(cameraId.length() + 4) : name;
        if (rest.matches("\\d{8}T\\d{6}Z(_\\d+)?\\.mp4")) {
            return store.primaryStreamId(cameraId);
        }
        var matcher = java.util.regex.Pattern.compile("([A-Za-z0-9_-]{1,64})_\\d{8}T\\d{6}Z(_\\d+)?\\.mp4").matcher(rest);
        return matcher.matches() ? matcher.group(1) : store.primaryStreamId(cameraId);
    }

    private int removeRowsWithoutFiles(Path root) {
        int removed = 0;
        long after = 0;
        List<Object[]> page;
        do {
            page = store.files(after, PAGE);
            for (Object[] row : page) {
                after = ((Number) row[0]).longValue();
                removed += removeIfMissing(root, row);
            }
        } while (page.size() == PAGE);
        return removed;
    }

    /** Removes (and audits) a row whose file is gone; 1 when it did. */
    private int removeIfMissing(Path root, Object[] row) {
        long id = ((Number) row[0]).longValue();
        String path = (String) row[3];
        if (Files.exists(root.resolve(path))) {
            return 0;
        }
        store.deleteRow(id);
        SegmentCaches.deleteFor(root, id);
        store.audit((String) row[1], (String) row[2], id, path, ((Number) row[4]).longValue(),
                "reconcile_missing_file", ACTOR, "row whose file is gone");
        LOG.warning("camera=" + row[1] + " reconciliation removed the row of missing file " + path);
        return 1;
    }
}
