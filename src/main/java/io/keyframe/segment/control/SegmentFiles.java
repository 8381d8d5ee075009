package io.keyframe.segment.control;

import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.segment.entity.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds the file of a segment for playback. The path comes from the database row only and is
 * resolved under the recording root ({@link SegmentPaths#underRoot}); anything else is a 404, and
 * the path itself never reaches the caller.
 */
@ApplicationScoped
public class SegmentFiles {

    private static final Logger LOG = Logger.getLogger(SegmentFiles.class.getName());

    @Inject
    KeyframeSettings settings;

    @Inject
    SegmentStore store;

    /** The file of segment {@code id}, or a 404 naming what is missing. */
    public ServedFile describe(long id) {
        Segment segment = store.find(id).orElseThrow(() -> ApiException.notFound("no segment " + id));
        Optional<Path> resolved = SegmentPaths.underRoot(settings.recordingRoot(), segment.filePath());
        if (resolved.isEmpty()) {
            LOG.warning("segment " + id + " has a file_path outside the recording root; not served");
            throw ApiException.notFound("the file of segment " + id + " is missing");
        }
        Path path = resolved.get();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw ApiException.notFound("the file of segment " + id + " is missing");
        }
        if (!attributes.isRegularFile()) {
            throw ApiException.notFound("the file of segment " + id + " is missing");
        }
        Instant modified = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        long size = attributes.size();
        String etag = Long.toHexString(id) + "-" + Long.toHexString(size) + "-" + Long.toHexString(modified.getEpochSecond());
        return new ServedFile(id, path, size, modified, etag, downloadName(id, segment.filePath()));
    }

    /** The H.264 rendition {@code file} of segment {@code original}, described like the original. */
    public ServedFile rendition(ServedFile original, Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Instant modified = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
            long size = attributes.size();
            if (file.equals(original.path())) {
                return original;
            }
            String etag = "h264-" + Long.toHexString(original.id()) + "-" + Long.toHexString(size) + "-"
                    + Long.toHexString(modified.getEpochSecond());
            return new ServedFile(original.id(), file, size, modified, etag,
                    original.downloadName().replaceFirst("\\.mp4$", "") + "_h264.mp4");
        } catch (IOException e) {
            throw ApiException.notFound("the H.264 rendition of segment " + original.id() + " is missing");
        }
    }

    /**
     * Opens the file once for reading. The open channel keeps the data readable even if the file
     * is deleted meanwhile (POSIX keeps the inode), so a started response is always complete.
     */
    public FileChannel open(ServedFile file) {
        try {
            return FileChannel.open(file.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("the file of segment " + file.id() + " is missing");
        } catch (IOException e) {
            LOG.warning("cannot open the file of segment " + file.id() + ": " + e.getMessage());
            throw new ApiException(503, "the file of segment " + file.id() + " cannot be read now");
        }
    }

    /** The file's own name with anything outside {@code [A-Za-z0-9_.-]} replaced by {@code _}. */
    public static String downloadName(long id, String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_.-]", "_");
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return "segment_" + id + ".mp4";
        }
        return name;
    }
}
