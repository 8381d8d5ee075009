package io.keyframe.segment.control;

import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.recording.control.StartupRecovered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Files made from a segment and cached under {@code {root}/.keyframe}: its H.264 rendition and
 * its JPEG thumbnail. They go with their segment ({@link #deleteFor}, called by every path that
 * removes a row) and, in case a crash came in between, a sweep after start-up recovery deletes
 * every cached file whose segment row is gone.
 */
@ApplicationScoped
public class SegmentCaches {

    private static final Logger LOG = Logger.getLogger(SegmentCaches.class.getName());
    /** A cached file's name: the segment id and the extension of its kind. */
    private static final Pattern NAME = Pattern.compile("([1-9][0-9]{0,18})\\.(mp4|jpg)");
    private static final int IDS_PER_QUERY = 1000;

    @Inject
    KeyframeSettings settings;

    @Inject
    SegmentStore store;

    /** The cached files of segment {@code id}, whether they exist or not. */
    public static List<Path> filesOf(Path root, long id) {
        return List.of(SegmentPaths.renditionOf(root, id), SegmentPaths.thumbnailOf(root, id));
    }

    /** Deletes the cached files of segment {@code id}; never fails (a leftover is swept later). */
    public static void deleteFor(Path root, long id) {
        for (Path file : filesOf(root, id)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warning("cannot delete " + file + ": " + e.getMessage());
            }
        }
    }

    /** The segment id a cached file is named after, if it is one of ours. */
    static Optional<Long> idOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    void onRecovered(@Observes StartupRecovered recovered) {
        try {
            int removed = sweep();
            if (removed > 0) {
                LOG.info("deleted " + removed + " cached renditions and thumbnails of segments that are gone");
            }
        } catch (RuntimeException e) {
            LOG.warning("cannot sweep the segment caches: " + e.getMessage());
        }
    }

    /** Deletes cached files whose segment has no ready row; returns how many. */
    public int sweep() {
        Path root = settings.recordingRoot();
        Path[] dirs = {SegmentPaths.renditionOf(root, 1).getParent(), SegmentPaths.thumbnailOf(root, 1).getParent()};
        int removed = 0;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.toList();
            } catch (IOException | UncheckedIOException e) {
                LOG.warning("cannot list " + dir + ": " + e.getMessage());
                continue;
            }
            for (int i = 0; i < files.size(); i += IDS_PER_QUERY) {
                List<Path> chunk = files.subList(i, Math.min(files.size(), i + IDS_PER_QUERY));
                List<Long> ids = new ArrayList<>();
                chunk.forEach(f -> idOf(f).ifPresent(ids::add));
                Set<Long> ready = store.readyIds(ids);
                for (Path file : chunk) {
                    Optional<Long> id = idOf(file);
                    // files that are not ours (a half-written temporary one has another name) stay
                    if (id.isPresent() && !ready.contains(id.get()) && delete(file)) {
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("cannot delete " + file + ": " + e.getMessage());
            return false;
        }
    }
}
