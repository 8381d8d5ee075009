package io.keyframe.gstreamer;

import io.keyframe.recording.control.StreamStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns successive {@link StatsCounters} of one recorder into {@link StreamStats}: rates over the
 * last sampling window, drop rate and keyframe interval over about the last minute. Pure
 * arithmetic, not thread-safe (the recorder serialises calls).
 *
 * <p>The ring keeps the samples of the last {@code window} plus the newest one older than that, so
 * "the last minute" spans from that sample to now: a minute or a little more while someone samples
 * regularly, longer if nobody asked for a while.
 *
 * <p>A counter that goes down (a jitter buffer replaced after an SSRC change, say) is taken as
 * restarted from zero: what it had counted is kept as an offset, so totals never decrease.
 */
final class StatsRing {

    private final Duration window;
    private final Deque<StatsCounters> samples = new ArrayDeque<>();
    private StatsCounters lastRaw;
    private StatsCounters offset;

    StatsRing(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.window = window;
    }

    /** Adds a sample (times in order) and returns the snapshot as of it. */
    StreamStats add(StatsCounters raw) {
        offset = offset == null ? zero(raw.at()) : offset.plus(restarted(lastRaw, raw));
        lastRaw = raw;
        StatsCounters total = raw.plus(offset);
        StatsCounters previous = samples.peekLast();
        samples.addLast(total);
        Instant windowStart = total.at().minus(window);
        while (samples.size() > 2 && !secondOldest().at().isAfter(windowStart)) {
            samples.removeFirst();
        }
        StatsCounters oldest = samples.peekFirst();

        double windowSecs = previous == null ? 0 : seconds(previous.at(), total.at());
        long bitrate = windowSecs <= 0 ? 0 : Math.round((total.videoBytes() - previous.videoBytes()) * 8 / windowSecs);
        double fps = windowSecs <= 0 ? 0 : (total.frames() - previous.frames()) / windowSecs;
        long keyframes = total.keyframes() - oldest.keyframes();
        double ringSecs = seconds(oldest.at(), total.at());
        Double keyframeInterval = keyframes >= 2 && ringSecs > 0 ? ringSecs / keyframes : null;
        return new StreamStats(total.pushed() + total.late() + total.duplicates(), total.lost(), total.late(),
                total.duplicates(), dropRate(total.lost() - oldest.lost(), total.pushed() - oldest.pushed()),
                dropRate(total.lost(), total.pushed()), bitrate, fps, keyframeInterval, total.at());
    }

    /** Lost over expected (lost + pushed); 0 when nothing was expected. */
    static double dropRate(long lost, long pushed) {
        long expected = lost + pushed;
        return expected <= 0 ? 0 : (double) lost / expected;
    }

    /** For each field that went down from {@code before} to {@code now}: what it had counted before. */
    private static StatsCounters restarted(StatsCounters before, StatsCounters now) {
        return new StatsCounters(drop(before.pushed(), now.pushed()), drop(before.lost(), now.lost()),
                drop(before.late(), now.late()), drop(before.duplicates(), now.duplicates()),
                drop(before.videoBytes(), now.videoBytes()), drop(before.frames(), now.frames()),
                drop(before.keyframes(), now.keyframes()), now.at());
    }

    private static long drop(long before, long now) {
        return now < before ? before : 0;
    }

    private StatsCounters secondOldest() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }

    private static StatsCounters zero(Instant at) {
        return new StatsCounters(0, 0, 0, 0, 0, 0, 0, at);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
