package io.keyframe.segment.control;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A segment's file as the playback route describes it.
 *
 * @param path         the resolved file, checked to lie under the recording root
 * @param size         bytes on disk
 * @param lastModified modification time, truncated to whole seconds (HTTP dates have no more)
 * @param etag         strong validator from (id, size, mtime), without quotes
 * @param downloadName a file name made only of {@code [A-Za-z0-9_.-]}
 */
public record ServedFile(long id, Path path, long size, Instant lastModified, String etag, String downloadName) {
}
