package io.keyframe.segment.control;

import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.recording.control.RecordingTarget;
import io.keyframe.recording.control.SegmentSink;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One row per verified file, file first and row second. Files reported by the recorders are
 * journalled when they open; when they close they are verified ({@link Mp4Inspector}) on this
 * catalog's own worker thread, in order, and get their row; a file that fails verification is
 * deleted and logged. A row that cannot be written (database down) stays in the journal and is
 * retried every few seconds, so no segment is ever left without a row.
 */
@ApplicationScoped
public class SegmentCatalog implements SegmentSink {

    private static final Logger LOG = Logger.getLogger(SegmentCatalog.class.getName());
    private static final long RETRY_MILLIS = 3000;

    @Inject
    KeyframeSettings settings;

    @Inject
    SegmentStore store;

    @Inject
    CatalogMetrics metrics;

    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private SegmentJournal journal;
    private Thread worker;
    private volatile boolean running;
    private volatile int pending;

    @PostConstruct
    void start() {
        journal = new SegmentJournal(settings.recordingRoot());
        running = true;
        worker = threads.newThread(this::work);
        worker.setName("keyframe-segment-catalog");
        worker.start();
    }

    @Override
    public void opened(RecordingTarget target, Path file, Instant start) {
        JournalEntry entry = new JournalEntry(target.cameraId().value(), target.streamId().value(),
                relative(file), start, false, -1, "continuous");
        queue.add(() -> journal.write(entry));
    }

    @Override
    public void closed(RecordingTarget target, Path file, Instant start, Duration duration) {
        JournalEntry entry = new JournalEntry(target.cameraId().value(), target.streamId().value(),
                relative(file), start, true, duration.toMillis(), "continuous");
        Instant closedAt = Instant.now();
        queue.add(() -> finish(entry, closedAt));
    }

    @Override
    public void interrupted(RecordingTarget target, Path file, Instant start) {
        JournalEntry entry = new JournalEntry(target.cameraId().value(), target.streamId().value(),
                relative(file), start, true, -1, "continuous");
        queue.add(() -> finish(entry));
    }

    /** Rows waiting for the database (for health and metrics). */
    public int pendingRows() {
        return pending;
    }

    private void work() {
        long nextRetry = System.currentTimeMillis() + RETRY_MILLIS;
        while (running || !queue.isEmpty()) {
            try {
                Runnable task = queue.poll(500, TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                }
                if (System.currentTimeMillis() >= nextRetry) {
                    retryPending();
                    nextRetry = System.currentTimeMillis() + RETRY_MILLIS;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "segment catalog task failed", e);
            }
        }
    }

    private void retryPending() {
        int waiting = 0;
        for (JournalEntry entry : journal.entries()) {
            if (entry.closed() && !finish(entry)) {
                waiting++;
            }
        }
        pending = waiting;
    }

    /**
     * Verifies a closed file and writes its row. Returns false when the row must wait for the
     * database (the entry stays in the journal).
     */
    boolean finish(JournalEntry entry) {
        return finish(entry, null);
    }

    private boolean finish(JournalEntry entry, Instant closedAt) {
        Path file = settings.recordingRoot().resolve(entry.file());
        if (!Files.exists(file)) {
            LOG.warning("camera=" + entry.cameraId() + " stream=" + entry.streamId() + " file vanished before its row: " + entry.file());
            journal.remove(entry.file());
            return true;
        }
        Mp4Info info;
        try {
            info = Mp4Inspector.inspect(file);
        } catch (IOException e) {
            LOG.warning("cannot read " + entry.file() + ": " + e.getMessage());
            journal.write(entry);
            return false;
        }
        if (!info.playable()) {
            LOG.warning("camera=" + entry.cameraId() + " stream=" + entry.streamId() + " deleting unplayable file "
                    + entry.file() + ": " + info.problems());
            delete(file);
            journal.remove(entry.file());
            tryAudit(entry, info.sizeBytes(), "unplayable", "recorder", String.join("; ", info.problems()));
            return true;
        }
        SegmentRecord record = new SegmentRecord(entry.cameraId(), entry.streamId(), entry.start(),
                info.duration().toMillis(), entry.file(), info.sizeBytes(), entry.eventType(), info.videoCodec(),
                info.width(), info.height(), info.hasAudio());
        try {
            store.insert(record);
            journal.remove(entry.file());
            if (metrics != null) {
                metrics.rowWritten(entry.cameraId(), entry.streamId(), info.sizeBytes(),
                        closedAt == null ? null : Duration.between(closedAt, Instant.now()));
            }
            return true;
        } catch (RuntimeException e) {
            journal.write(entry);
            LOG.warning("camera=" + entry.cameraId() + " stream=" + entry.streamId() + " row for " + entry.file()
                    + " queued until the database answers: " + rootCause(e));
            return false;
        }
    }

    private void tryAudit(JournalEntry entry, long size, String reason, String actor, String detail) {
        try {
            store.audit(entry.cameraId(), entry.streamId(), null, entry.file(), size, reason, actor, detail);
        } catch (RuntimeException e) {
            LOG.warning("could not audit " + reason + " of " + entry.file() + ": " + rootCause(e));
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("could not delete " + file + ": " + e.getMessage());
        }
    }

    private String relative(Path file) {
        return SegmentPaths.relative(settings.recordingRoot(), file);
    }

    static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Lets queued rows be written before the server stops; what remains is in the journal. */
    @PreDestroy
    void stop() {
        running = false;
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
