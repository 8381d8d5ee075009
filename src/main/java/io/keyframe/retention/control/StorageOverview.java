package io.keyframe.retention.control;

import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.platform.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The storage report of {@code GET /storage} and the Storage page: the recording filesystem, the
 * catalog's totals per camera and the forecast under the cleanup limits, now.
 */
@ApplicationScoped
public class StorageOverview {

    @Inject
    StorageQueries queries;

    @Inject
    KeyframeSettings settings;

    @Inject
    Clock clock;

    /** @throws ApiException 503 when the filesystem of the recording root cannot be read */
    public StorageReport report() {
        Instant now = clock.instant();
        KeyframeSettings.Cleanup cleanup = settings.cleanup();
        return StorageReport.of(disk(settings.recordingRoot()),
                queries.footageByCamera(now.minus(StorageReport.RATE_WINDOW), now), now,
                cleanup.maxDiskUsagePercent(), cleanup.maxRetentionDays());
    }

    /** The filesystem of the recording root; used space is what is allocated (total − unallocated). */
    static DiskSpace disk(Path root) {
        try {
            FileStore store = Files.getFileStore(root);
            long total = store.getTotalSpace();
            return new DiskSpace(total, Math.max(0, total - store.getUnallocatedSpace()));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            throw new ApiException(503, "cannot read the filesystem of the recording root " + root);
        }
    }
}
