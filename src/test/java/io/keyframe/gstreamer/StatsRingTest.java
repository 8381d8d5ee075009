package io.keyframe.gstreamer;

import io.keyframe.recording.control.StreamStats;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsRingTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final double EPS = 1e-9;

    private final StatsRing ring = new StatsRing(Duration.ofMinutes(1));

    @Test
    void theFirstSampleHasTotalsButNoRates() {
        StreamStats stats = ring.add(counters(0, 1000, 10, 2, 1, 50_000, 30, 2));
        assertEquals(1000 + 2 + 1, stats.packetsReceived(), "pushed + late + duplicates");
        assertEquals(10, stats.packetsLost());
        assertEquals(2, stats.packetsLate());
        assertEquals(1, stats.packetsDuplicate());
        assertEquals(10.0 / 1010, stats.dropRateSinceStart(), EPS);
        assertEquals(0, stats.dropRateLastMinute(), EPS, "one sample spans no time");
        assertEquals(0, stats.bitrateBps());
        assertEquals(0, stats.fps(), EPS);
        assertNull(stats.keyframeIntervalSecs());
        assertEquals(T0, stats.sampledAt());
    }

    @Test
    void bitrateAndFpsCoverTheLastWindow() {
        ring.add(counters(0, 0, 0, 0, 0, 0, 0, 0));
        ring.add(counters(2, 100, 0, 0, 0, 250_000, 30, 2));
        StreamStats stats = ring.add(counters(4, 200, 0, 0, 0, 750_000, 58, 4));
        assertEquals(2_000_000, stats.bitrateBps(), "500 000 bytes in 2 s");
        assertEquals(14.0, stats.fps(), EPS);
        assertEquals(1.0, stats.keyframeIntervalSecs(), EPS, "4 keyframes in 4 s");
    }

    @Test
    void dropRateOfTheLastMinuteForgetsOlderLoss() {
        ring.add(counters(0, 0, 0, 0, 0, 0, 0, 0));
        ring.add(counters(10, 900, 100, 0, 0, 0, 0, 0)); // 10 % loss early on
        for (int s = 12; s <= 70; s += 2) {
            ring.add(counters(s, 900 + (s - 10) * 100L, 100, 0, 0, 0, 0, 0)); // no loss since
        }
        StreamStats clean = ring.add(counters(72, 900 + 62 * 100L, 100, 0, 0, 0, 0, 0));
        assertEquals(0, clean.dropRateLastMinute(), EPS, "loss at 10 s is older than a minute at 72 s");
        assertEquals(100.0 / (100 + 900 + 6200), clean.dropRateSinceStart(), EPS);

        StreamStats lossy = ring.add(counters(74, 900 + 62 * 100L + 190, 110, 0, 0, 0, 0, 0));
        // window from the newest sample at least 60 s old (14 s): 10 lost, 6000 pushed
        assertEquals(10.0 / (10 + 6000 - 200 + 190), lossy.dropRateLastMinute(), EPS);
    }

    @Test
    void theRingSpansAboutTheWindow() {
        for (int s = 0; s <= 120; s += 2) {
            ring.add(counters(s, s * 10L, s, 0, 0, 0, 0, 0)); // 1 lost per 10 pushed, always
        }
        StreamStats stats = ring.add(counters(122, 1220, 122, 0, 0, 0, 0, 0));
        assertEquals(1.0 / 11, stats.dropRateLastMinute(), EPS);
        assertEquals(1.0 / 11, stats.dropRateSinceStart(), EPS);
    }

    @Test
    void aCounterThatRestartsKeepsWhatItHadCounted() {
        ring.add(counters(0, 0, 0, 0, 0, 0, 0, 0));
        ring.add(counters(2, 1000, 10, 0, 0, 100_000, 30, 2));
        StreamStats restarted = ring.add(counters(4, 100, 0, 0, 0, 100_000 + 50_000, 60, 4)); // new jitter buffer
        assertEquals(1100, restarted.packetsReceived());
        assertEquals(10, restarted.packetsLost());
        assertEquals(200_000, restarted.bitrateBps());
        StreamStats later = ring.add(counters(6, 300, 5, 0, 0, 200_000, 90, 6));
        assertEquals(1300, later.packetsReceived());
        assertEquals(15, later.packetsLost());
        assertEquals(15.0 / 1315, later.dropRateSinceStart(), EPS);
        assertEquals(15.0 / 1315, later.dropRateLastMinute(), EPS);
    }

    @Test
    void noKeyframeIntervalBeforeTwoKeyframes() {
        ring.add(counters(0, 0, 0, 0, 0, 0, 0, 0));
        assertNull(ring.add(counters(2, 0, 0, 0, 0, 0, 30, 1)).keyframeIntervalSecs());
        assertEquals(2.0, ring.add(counters(4, 0, 0, 0, 0, 0, 60, 2)).keyframeIntervalSecs(), EPS);
    }

    @Test
    void dropRateIsZeroWhenNothingWasExpected() {
        assertEquals(0, StatsRing.dropRate(0, 0), EPS);
        assertEquals(0.5, StatsRing.dropRate(5, 5), EPS);
        assertThrows(IllegalArgumentException.class, () -> new StatsRing(Duration.ZERO));
    }

    private static StatsCounters counters(int second, long pushed, long lost, long late, long duplicates, long bytes,
                                          long frames, long keyframes) {
        return new StatsCounters(pushed, lost, late, duplicates, bytes, frames, keyframes, T0.plusSeconds(second));
    }
}
