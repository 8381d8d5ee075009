package io.keyframe.retention.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which segments a cleanup run deletes, as a pure function of the catalog, the rules, the disk and
 * a given {@code Instant}.
 *
 * <p>First the age rule: a segment expires when it ended before {@code now − daysFor(segment)}
 * days. If those deletions would free more than {@code maxShareAtOnce} of all footage, none of
 * them is made and the plan says so (a safety stop against a wrong clock or setting). Then the disk
 * rule: above {@code maxDiskUsagePercent} the oldest remaining segments across all cameras go until
 * usage, counting what the age rule frees, is at most {@code maxDiskUsagePercent − hysteresisPercent};
 * a full disk is never safety-stopped. Held segments, segments in use and segments that end after
 * {@code now} are never selected.
 */
public final class RetentionPolicy {

    /** Oldest first: by start, ties by id. */
    static final Comparator<RetentionCandidate> OLDEST_FIRST =
            Comparator.comparing(RetentionCandidate::start).thenComparingLong(RetentionCandidate::id);

    private RetentionPolicy() {
    }

    /**
     * @param candidates        the segments, oldest first by start (sorted again here, ties by id; a
     *                          repeated id counts once)
     * @param totalFootageBytes bytes of all footage in the catalog, for the safety share; if it is
     *                          less than the candidates' sum (a segment added between two queries),
     *                          that sum is used
     */
    public static RetentionPlan plan(List<RetentionCandidate> candidates, RetentionRules rules, DiskSpace disk,
                                     long totalFootageBytes, Instant now) {
        if (totalFootageBytes < 0) {
            throw new IllegalArgumentException("totalFootageBytes must not be negative, got " + totalFootageBytes);
        }
        List<RetentionCandidate> sorted = oldestFirst(candidates);
        long footage = Math.max(totalFootageBytes, sorted.stream().mapToLong(RetentionCandidate::sizeBytes).sum());

        List<RetentionCandidate> expired = new ArrayList<>();
        List<RetentionCandidate> rest = new ArrayList<>();
        for (RetentionCandidate c : sorted) {
            if (c.protectedAt(now)) {
                continue;
            }
            (expired(c, rules, now) ? expired : rest).add(c);
        }

        long ageBytes = bytes(expired);
        String safetyMessage = null;
        if (!expired.isEmpty() && rules.maxShareAtOnce() < 1.0 && ageBytes > rules.maxShareAtOnce() * footage) {
            safetyMessage = safetyMessage(expired.size(), ageBytes, footage, rules.maxShareAtOnce());
            rest.addAll(expired);
            rest.sort(OLDEST_FIRST);
            expired.clear();
            ageBytes = 0;
        }

        List<Deletion> deletions = new ArrayList<>();
        expired.forEach(c -> deletions.add(new Deletion(c, DeletionReason.RETENTION_AGE)));
        long bytesToFree = 0;
        boolean reached = true;
        if (disk.usedPercent() > rules.maxDiskUsagePercent()) {
            long targetUsed = (long) Math.floor(disk.totalBytes() * rules.diskTargetPercent() / 100.0);
            bytesToFree = Math.max(0, disk.usedBytes() - targetUsed);
            long freed = ageBytes;
            for (RetentionCandidate c : rest) {
                if (freed >= bytesToFree) {
                    break;
                }
                deletions.add(new Deletion(c, DeletionReason.DISK_USAGE));
                freed += c.sizeBytes();
            }
            reached = freed >= bytesToFree;
        }
        deletions.sort(Comparator.comparing(Deletion::segment, OLDEST_FIRST));
        return new RetentionPlan(deletions, bytesToFree, reached, safetyMessage != null, safetyMessage);
    }

    /**
     * Manual prune: every segment that ended before {@code now − olderThanDays} days, except held
     * ones and ones in use, with reason {@link DeletionReason#MANUAL}. Never safety-stopped.
     */
    public static RetentionPlan prune(List<RetentionCandidate> candidates, int olderThanDays, Instant now) {
        if (olderThanDays < 0) {
            throw new IllegalArgumentException("olderThanDays must not be negative, got " + olderThanDays);
        }
        Instant cutoff = now.minus(olderThanDays, ChronoUnit.DAYS);
        List<Deletion> deletions = oldestFirst(candidates).stream()
                .filter(c -> !c.protectedAt(now) && c.end().isBefore(cutoff))
                .map(c -> new Deletion(c, DeletionReason.MANUAL))
                .toList();
        return new RetentionPlan(deletions, 0, true, false, null);
    }

    /** Whether the segment lies entirely before its cutoff; days 0 never expire. */
    static boolean expired(RetentionCandidate c, RetentionRules rules, Instant now) {
        int days = rules.daysFor(c);
        return days > 0 && c.end().isBefore(now.minus(days, ChronoUnit.DAYS));
    }

    private static List<RetentionCandidate> oldestFirst(List<RetentionCandidate> candidates) {
        Set<Long> seen = new HashSet<>();
        List<RetentionCandidate> unique = new ArrayList<>();
        for (RetentionCandidate c : candidates.stream().sorted(OLDEST_FIRST).toList()) {
            if (seen.add(c.id())) {
                unique.add(c);
            }
        }
        return unique;
    }

    private static long bytes(List<RetentionCandidate> segments) {
        return segments.stream().mapToLong(RetentionCandidate::sizeBytes).sum();
    }

    private static String safetyMessage(int count, long bytes, long footage, double limit) {
        return String.format(Locale.ROOT,
                "safety stop: the age rule would delete %d segments, %d bytes (%.1f %% of %d bytes of footage), "
                        + "more than the limit of %.1f %% at once; no segment is deleted by age in this run "
                        + "(check the clock and the retention days, or prune by hand)",
                count, bytes, footage == 0 ? 0.0 : bytes * 100.0 / footage, footage, limit * 100);
    }
}
