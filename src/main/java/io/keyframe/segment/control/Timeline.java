package io.keyframe.segment.control;

import io.keyframe.recording.control.SessionState;
import io.keyframe.recording.control.StateChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A stream's coverage over {@code [from, to)} as a pure function of its segments, its state log
 * and the deletions of its footage: segments closer than {@link #TOLERANCE} are merged into
 * covered intervals, and each gap between them gets a {@link GapCause}.
 *
 * <p>The cause of a gap is, in this order: a retention deletion overlapping it; else the first
 * change that ended recording (to STOPPED, RECONNECTING or FAILED) from just before the gap's start
 * to its end (a stop is logged after the last frame, a stall only after the stall timeout); else
 * the state the stream was already in before the gap; a trailing gap up to now while the stream
 * records is {@code in_progress}; otherwise {@code unknown}.
 */
public final class Timeline {

    /** Gaps shorter than this between segments are not gaps (cut jitter, the frame at each cut). */
    public static final Duration TOLERANCE = Duration.ofMillis(1500);

    /** A time range. */
    public record Span(Instant start, Instant end) {
        public Duration length() {
            return Duration.between(start, end);
        }
    }

    /** A deleted piece of footage and the audit reason (e.g. {@code retention_age}). */
    public record Deletion(Span span, String reason) {
    }

    /** Covered time made of {@code segments} merged segments. */
    public record Covered(Span span, int segments) {
    }

    /** Missing time, why, and the logged reason behind it when there is one. */
    public record Gap(Span span, GapCause cause, String detail) {
    }

    /** The answer: covered intervals and gaps in time order, and the covered share. */
    public record Result(Instant from, Instant to, List<Covered> covered, List<Gap> gaps) {
        public Duration coveredTime() {
            return covered.stream().map(c -> c.span().length()).reduce(Duration.ZERO, Duration::plus);
        }
    }

    private Timeline() {
    }

    /**
     * @param segments  the stream's segments overlapping the range, in any order
     * @param changes   its state changes: the last one before {@code from − TOLERANCE}, then all later ones
     * @param deletions deleted footage overlapping the range
     * @param now       the current time; the timeline ends there if {@code to} is later
     */
    public static Result build(Instant from, Instant to, List<Span> segments, List<StateChange> changes,
                               List<Deletion> deletions, Instant now) {
        Instant end = to.isAfter(now) ? now : to;
        List<Covered> covered = merge(from, end, segments);
        List<StateChange> log = changes.stream().sorted(Comparator.comparing(StateChange::at)).toList();
        List<Gap> gaps = new ArrayList<>();
        Instant cursor = from;
        for (Covered c : covered) {
            addGap(gaps, new Span(cursor, c.span().start()), log, deletions, false);
            cursor = c.span().end();
        }
        if (cursor.isBefore(end)) {
            addGap(gaps, new Span(cursor, end), log, deletions, !to.isBefore(now));
        }
        return new Result(from, end, covered, gaps);
    }

    private static List<Covered> merge(Instant from, Instant end, List<Span> segments) {
        List<Span> sorted = segments.stream().filter(s -> s.end().isAfter(from) && s.start().isBefore(end))
                .sorted(Comparator.comparing(Span::start)).toList();
        List<Covered> merged = new ArrayList<>();
        Instant start = null;
        Instant stop = null;
        int count = 0;
        for (Span s : sorted) {
            if (start != null && !s.start().isAfter(stop.plus(TOLERANCE))) {
                stop = s.end().isAfter(stop) ? s.end() : stop;
                count++;
                continue;
            }
            if (start != null) {
                merged.add(clip(start, stop, count, from, end));
            }
            start = s.start();
            stop = s.end();
            count = 1;
        }
        if (start != null) {
            merged.add(clip(start, stop, count, from, end));
        }
        return merged;
    }

    private static Covered clip(Instant start, Instant stop, int count, Instant from, Instant end) {
        return new Covered(new Span(start.isBefore(from) ? from : start, stop.isAfter(end) ? end : stop), count);
    }

    /** Audit reasons of deletions by retention: by age, for disk space, or a manual prune. */
    static final java.util.Set<String> RETENTION_REASONS = java.util.Set.of("retention_age", "disk_usage", "manual", "no_event");

    private static void addGap(List<Gap> gaps, Span span, List<StateChange> log, List<Deletion> deletions, boolean trailing) {
        if (span.length().compareTo(TOLERANCE) < 0) {
            return;
        }
        for (Deletion d : deletions) {
            if (d.reason() != null && RETENTION_REASONS.contains(d.reason()) && d.span().start().isBefore(span.end())
                    && d.span().end().isAfter(span.start())) {
                gaps.add(new Gap(span, GapCause.DELETED_BY_RETENTION, d.reason()));
                return;
            }
        }
        Instant windowStart = span.start().minus(TOLERANCE);
        StateChange before = null;
        for (StateChange change : log) {
            if (!change.at().isAfter(windowStart)) {
                before = change;
            } else if (change.at().isBefore(span.end()) && GapCause.endsRecording(change)) {
                gaps.add(new Gap(span, GapCause.of(change), change.reason()));
                return;
            }
        }
        if (before != null && GapCause.endsRecording(before)) {
            gaps.add(new Gap(span, GapCause.of(before), before.reason()));
        } else if (trailing && before != null && before.to() == SessionState.RECORDING) {
            gaps.add(new Gap(span, GapCause.IN_PROGRESS, before.reason()));
        } else {
            gaps.add(new Gap(span, GapCause.UNKNOWN, null));
        }
    }
}
