package io.keyframe.export.control;

import io.keyframe.platform.config.KeyframeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Temporary directories of exports and transcodes under {@code {recording root}/.keyframe/tmp}:
 * on the recordings' disk (an export can be large), never in {@code /tmp}. Each job gets its own
 * directory, deleted when the job's file has been sent; whatever a crash left behind is deleted at
 * start-up.
 */
@ApplicationScoped
public class ScratchSpace {

    private static final Logger LOG = Logger.getLogger(ScratchSpace.class.getName());

    @Inject
    KeyframeSettings settings;

    /** Deletes leftovers of a previous run. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Path dir = root();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                long count = children.peek(ScratchSpace::deleteTree).count();
                if (count > 0) {
                    LOG.info(() -> "deleted " + count + " leftover temporary job directories in " + dir);
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.warning("cannot clean " + dir + ": " + e.getMessage());
            }
        }
    }

    /** {@code {recording root}/.keyframe/tmp}. */
    public Path root() {
        return settings.recordingRoot().resolve(".keyframe").resolve("tmp");
    }

    /** A new empty directory, e.g. {@code export-3f2a…}. */
    public Path newDirectory(String kind) {
        try {
            return Files.createDirectories(root().resolve(kind + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory under " + root(), e);
        }
    }

    /** Deletes a directory and everything in it (symbolic links themselves, never their targets); quiet. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warning("cannot delete " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warning("cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
