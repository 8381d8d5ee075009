package io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void durationsBitRatesAndRatios() {
        assertEquals("8 s", Formats.duration(Duration.ofSeconds(8)));
        assertEquals("4 min", Formats.duration(Duration.ofSeconds(299)));
        assertEquals("3 h 10 min", Formats.duration(Duration.ofMinutes(190)));
        assertEquals("2 d 4 h", Formats.duration(Duration.ofHours(52)));
        assertEquals("0 s", Formats.duration(Duration.ofSeconds(-3)), "a clock step backwards is not negative time");
        assertEquals("795 kbit/s", Formats.bitrate(795_400));
        assertEquals("4.20 Mbit/s", Formats.bitrate(4_200_000));
        assertEquals("0.25 %", Formats.percent(0.0025));
    }

    @Test
    void agoOmitsTheDateForRecentTimesOnly() {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        assertEquals("–", Formats.ago(null, now));
        assertEquals(Formats.time(now.minusSeconds(8)) + " (8 s ago)", Formats.ago(now.minusSeconds(8), now));
        Instant old = now.minus(Duration.ofDays(2));
        assertEquals(Formats.dateTime(old) + " (2 d 0 h ago)", Formats.ago(old, now));
    }
}
