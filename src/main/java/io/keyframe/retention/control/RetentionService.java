package io.keyframe.retention.control;

import io.keyframe.export.control.Exporter;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.segment.control.SegmentDeleter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs retention: gathers candidates from the catalog, lets the pure {@link RetentionPolicy}
 * decide, and deletes through the crash-safe {@link SegmentDeleter}. Runs never overlap; a run that
 * the safety stop halts raises an alert ({@link #alert()}) shown by the health check until a later
 * run goes through. Manual prune uses the same deletion protocol.
 */
@ApplicationScoped
public class RetentionService {

    static final int PAGE = 5_000;
    /** Audit reason of pre-event buffer footage that no event claimed. */
    public static final String NO_EVENT = "no_event";
    /** How long past its pre-roll unclaimed buffer footage waits for a late event (seconds, default 60). */
    public static final String UNCLAIMED_GRACE = "storage.cleanup.unclaimed_grace_secs";

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = UNCLAIMED_GRACE, defaultValue = "60")
    int unclaimedGraceSecs;
    private static final Logger LOG = Logger.getLogger(RetentionService.class.getName());

    @Inject
    KeyframeSettings settings;

    @Inject
    RetentionStore store;

    @Inject
    SegmentDeleter deleter;

    @Inject
    Exporter exporter;

    @Inject
    Clock clock;

    private final ReentrantLock running = new ReentrantLock();
    private volatile RunReport lastRun;
    private volatile Instant lastFullRun;
    private volatile String alert;

    /** What one run did. {@code deleted} maps a reason's wire name to (segments, bytes). */
    public record RunReport(String actor, Instant started, Instant finished, DiskSpace diskBefore, DiskSpace diskAfter,
                            Map<String, long[]> deleted, boolean diskTargetReached, String safetyStop, String error) {
    }

    /** What a prune did, or would do with {@code dryRun}. */
    public record PruneReport(boolean dryRun, int segments, long bytes, int held, List<Long> sampleIds) {
    }

    /** The safety stop's message while it holds, else empty. */
    public Optional<String> alert() {
        return Optional.ofNullable(alert);
    }

    public Optional<RunReport> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    public boolean isRunning() {
        return running.isLocked();
    }

    /**
     * The timer's tick: a full run when {@code check_interval_secs} has passed since the last one,
     * or at once when the disk is above its threshold (checked on every tick: statvfs is cheap).
     */
    public void tick() {
        if (!settings.cleanup().enabled()) {
            return;
        }
        Instant now = clock.instant();
        boolean due = lastFullRun == null || !now.isBefore(lastFullRun.plus(settings.cleanup().checkInterval()));
        boolean diskHigh = disk().usedPercent() > settings.cleanup().maxDiskUsagePercent();
        if (due || diskHigh) {
            run("timer", false);
        }
    }

    /**
     * One retention run now. Empty when another run is in progress.
     *
     * @param overrideSafetyStop an operator's explicit go-ahead for a run the safety stop would halt
     */
    public Optional<RunReport> run(String actor, boolean overrideSafetyStop) {
        if (!running.tryLock()) {
            LOG.info("retention run by " + actor + " skipped: another run is in progress");
            return Optional.empty();
        }
        Instant started = clock.instant();
        DiskSpace before = null;
        try {
            KeyframeSettings.Cleanup cleanup = settings.cleanup();
            RetentionRules rules = new RetentionRules(cleanup.maxRetentionDays(), store.cameraDays(), store.streamDays(),
                    cleanup.eventRetentionDays(), cleanup.maxDiskUsagePercent(), cleanup.hysteresisPercent(),
                    overrideSafetyStop ? 1.0 : cleanup.safetyMaxSharePercent() / 100.0);
            Set<Long> inUse = exporter.segmentsInUse();
            before = disk();
            List<RetentionCandidate> candidates = expired(rules, started, inUse, cleanup.maxDeletionsPerRun());
            candidates.addAll(oldestForDisk(rules, before, candidates, inUse, cleanup.maxDeletionsPerRun()));
            RetentionPlan plan = RetentionPolicy.plan(candidates, rules, before, store.totalFootageBytes(), started);
            if (plan.safetyStop()) {
                alert = plan.safetyMessage();
                LOG.severe("retention safety stop: " + plan.safetyMessage()
                        + "; nothing deleted by age. Check the retention settings, then run POST /cleanup/run?override_safety_stop=true");
            } else {
                alert = null;
            }
            Map<String, long[]> deleted = new LinkedHashMap<>();
            for (DeletionReason reason : DeletionReason.values()) {
                List<Long> ids = plan.byReason(reason).stream().map(d -> d.segment().id()).toList();
                if (!ids.isEmpty()) {
                    SegmentDeleter.Outcome outcome = deleter.delete(ids, reason.wireName(), actor);
                    deleted.put(reason.wireName(), new long[] {outcome.deleted(), outcome.freedBytes()});
                }
            }
            // the pre-event buffer of events/off cameras that no event claimed (exempt from the safety stop)
            List<Long> unclaimed = store.unclaimed(started,
                    Duration.ofSeconds(Math.max(0, unclaimedGraceSecs)), cleanup.maxDeletionsPerRun());
            if (!unclaimed.isEmpty()) {
                SegmentDeleter.Outcome outcome = deleter.delete(unclaimed, NO_EVENT, actor);
                deleted.put(NO_EVENT, new long[] {outcome.deleted(), outcome.freedBytes()});
            }
            DiskSpace after = disk();
            RunReport report = new RunReport(actor, started, clock.instant(), before, after, deleted,
                    plan.diskTargetReached(), alert, null);
            if (!plan.diskTargetReached()) {
                LOG.warning(String.format("retention could not bring the disk under %.1f %%: %.1f %% used, nothing"
                        + " more may be deleted (held, in use or being written)", rules.diskTargetPercent(), after.usedPercent()));
            }
            LOG.info(() -> "retention run by " + actor + ": " + describe(deleted) + String.format(
                    ", disk %.1f %% -> %.1f %%", report.diskBefore().usedPercent(), after.usedPercent()));
            lastRun = report;
            return Optional.of(report);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "retention run by " + actor + " failed: " + e.getMessage(), e);
            lastRun = new RunReport(actor, started, clock.instant(), before, null, Map.of(), false, alert,
                    String.valueOf(e.getMessage()));
            return Optional.of(lastRun);
        } finally {
            lastFullRun = started;
            running.unlock();
        }
    }

    /**
     * {@code DELETE /recording/prune/…}: a camera's (stream's) segments that ended more than
     * {@code days} days ago, through the deletion protocol; held and in-use segments stay.
     */
    public PruneReport prune(String cameraId, String streamId, int days, boolean dryRun, String actor) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(Duration.ofDays(days));
        Set<Long> inUse = exporter.segmentsInUse();
        RetentionStore.Position position = RetentionStore.Position.FIRST;
        int segments = 0;
        int held = 0;
        long bytes = 0;
        List<Long> sample = new ArrayList<>();
        while (true) {
            List<RetentionCandidate> page = store.startedBefore(cameraId, streamId, cutoff, position, PAGE, inUse);
            if (page.isEmpty()) {
                break;
            }
            position = RetentionStore.Position.after(page.get(page.size() - 1));
            RetentionPlan plan = RetentionPolicy.prune(page, days, now);
            held += (int) page.stream().filter(c -> c.legalHold() || c.inUse()).count();
            if (dryRun) {
                segments += plan.count();
                bytes += plan.freedBytes();
                plan.ids().stream().limit(Math.max(0, 1000 - sample.size())).forEach(sample::add);
            } else if (plan.count() > 0) {
                SegmentDeleter.Outcome outcome = deleter.delete(plan.ids(), DeletionReason.MANUAL.wireName(), actor);
                segments += outcome.deleted();
                bytes += outcome.freedBytes();
                held += outcome.skipped();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        int deletedSegments = segments;
        long freed = bytes;
        LOG.info(() -> (dryRun ? "dry run of prune" : "prune") + " camera=" + cameraId
                + (streamId == null ? "" : " stream=" + streamId) + " older_than_days=" + days + " by=" + actor
                + ": " + deletedSegments + " segments, " + freed + " bytes");
        return new PruneReport(dryRun, segments, bytes, held, sample);
    }

    /** The filesystem holding the recording root: used = total − unallocated. */
    public DiskSpace disk() {
        try {
            FileStore store = Files.getFileStore(settings.recordingRoot());
            long total = store.getTotalSpace();
            return new DiskSpace(total, Math.max(0, total - store.getUnallocatedSpace()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the disk usage of " + settings.recordingRoot(), e);
        }
    }

    /** Every segment past its retention, per camera from the (camera_id, start_time) index. */
    private List<RetentionCandidate> expired(RetentionRules rules, Instant now, Set<Long> inUse, int max) {
        List<RetentionCandidate> expired = new ArrayList<>();
        for (String camera : store.cameraIds()) {
            int shortest = shortestDays(rules, camera);
            if (shortest == 0) {
                continue;
            }
            Instant cutoff = now.minus(Duration.ofDays(shortest));
            RetentionStore.Position position = RetentionStore.Position.FIRST;
            while (expired.size() < max) {
                List<RetentionCandidate> page = store.startedBefore(camera, null, cutoff, position, PAGE, inUse);
                for (RetentionCandidate c : page) {
                    int days = rules.daysFor(c);
                    if (days > 0 && c.end().isBefore(now.minus(Duration.ofDays(days))) && expired.size() < max) {
                        expired.add(c);
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
                position = RetentionStore.Position.after(page.get(page.size() - 1));
            }
        }
        return expired;
    }

    /** The shortest positive retention any of a camera's footage can have, or 0 when all is kept forever. */
    private static int shortestDays(RetentionRules rules, String camera) {
        int shortest = Integer.MAX_VALUE;
        int cameraDays = rules.cameraDays().getOrDefault(camera, rules.defaultDays());
        if (cameraDays > 0) {
            shortest = cameraDays;
        }
        for (Map.Entry<RetentionRules.StreamKey, Integer> e : rules.streamDays().entrySet()) {
            if (e.getKey().cameraId().equals(camera) && e.getValue() > 0) {
                shortest = Math.min(shortest, e.getValue());
            }
        }
        for (int days : rules.eventTypeDays().values()) {
            if (days > 0) {
                shortest = Math.min(shortest, days);
            }
        }
        return shortest == Integer.MAX_VALUE ? 0 : shortest;
    }

    /** The oldest footage across cameras, enough to bring the disk under its target (age deletions counted). */
    private List<RetentionCandidate> oldestForDisk(RetentionRules rules, DiskSpace disk, List<RetentionCandidate> already,
                                                   Set<Long> inUse, int max) {
        if (disk.usedPercent() <= rules.maxDiskUsagePercent()) {
            return List.of();
        }
        long wanted = disk.usedBytes() - (long) (disk.totalBytes() * rules.diskTargetPercent() / 100.0)
                - already.stream().mapToLong(RetentionCandidate::sizeBytes).sum();
        Set<Long> seen = new HashSet<>();
        already.forEach(c -> seen.add(c.id()));
        List<RetentionCandidate> oldest = new ArrayList<>();
        RetentionStore.Position position = RetentionStore.Position.FIRST;
        long gathered = 0;
        while (gathered < wanted && oldest.size() < max) {
            List<RetentionCandidate> page = store.oldest(position, PAGE, inUse);
            for (RetentionCandidate c : page) {
                if (gathered >= wanted) {
                    break;
                }
                if (seen.add(c.id())) {
                    oldest.add(c);
                    if (!c.legalHold() && !c.inUse()) {
                        gathered += c.sizeBytes();
                    }
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            position = RetentionStore.Position.after(page.get(page.size() - 1));
        }
        return oldest;
    }

    private static String describe(Map<String, long[]> deleted) {
        if (deleted.isEmpty()) {
            return "nothing to delete";
        }
        StringBuilder text = new StringBuilder();
        deleted.forEach((reason, n) -> text.append(text.length() == 0 ? "" : ", ").append(n[0]).append(" segments (")
                .append(n[1]).append(" bytes) for ").append(reason));
        return text.toString();
    }
}
