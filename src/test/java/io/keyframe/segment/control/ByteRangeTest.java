package io.keyframe.segment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyframe.segment.control.ByteRange.Full;
import io.keyframe.segment.control.ByteRange.Partial;
import io.keyframe.segment.control.ByteRange.Unsatisfiable;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static final long SIZE = 10_000;

    private static ByteRange.Request parse(String header) {
        return ByteRange.parse(header, SIZE);
    }

    private static Partial partial(long first, long last) {
        return new Partial(new ByteRange(first, last));
    }

    @Test
    void closedRanges() {
        assertEquals(partial(0, 0), parse("bytes=0-0"));
        assertEquals(partial(0, 499), parse("bytes=0-499"));
        assertEquals(partial(4000, 4999), parse("bytes=4000-4999"));
        assertEquals(partial(9999, 9999), parse("bytes=9999-9999"));
        assertEquals(partial(0, 499), parse("BYTES= 0 - 499 "));
    }

    @Test
    void lastPositionPastTheEndIsClamped() {
        assertEquals(partial(9000, 9999), parse("bytes=9000-20000"));
        assertEquals(partial(9000, 9999), parse("bytes=9000-99999999999999999999999"));
    }

    @Test
    void openEndedAndSuffixRanges() {
        assertEquals(partial(9500, 9999), parse("bytes=9500-"));
        assertEquals(partial(0, 9999), parse("bytes=0-"));
        assertEquals(partial(9500, 9999), parse("bytes=-500"));
        assertEquals(partial(0, 9999), parse("bytes=-20000"));
        assertEquals(partial(0, 9999), parse("bytes=-99999999999999999999999"));
    }

    @Test
    void startAtOrPastTheEndIsUnsatisfiable() {
        assertEquals(new Unsatisfiable(), parse("bytes=10000-"));
        assertEquals(new Unsatisfiable(), parse("bytes=10000-10010"));
        assertEquals(new Unsatisfiable(), parse("bytes=99999999999999999999999-"));
        assertEquals(new Unsatisfiable(), parse("bytes=-0"));
        assertEquals(new Unsatisfiable(), ByteRange.parse("bytes=0-", 0));
    }

    @Test
    void invalidOrMultipleRangesAreIgnored() {
        assertEquals(new Full(), parse(null));
        assertEquals(new Full(), parse(""));
        assertEquals(new Full(), parse("items=0-5"));
        assertEquals(new Full(), parse("bytes="));
        assertEquals(new Full(), parse("bytes=-"));
        assertEquals(new Full(), parse("bytes=5"));
        assertEquals(new Full(), parse("bytes=500-100"));
        assertEquals(new Full(), parse("bytes=a-b"));
        assertEquals(new Full(), parse("bytes=-5-6"));
        assertEquals(new Full(), parse("bytes=+5-6"));
        assertEquals(new Full(), parse("bytes=0-1,5-6"));
    }

    @Test
    void contentRangeValues() {
        assertEquals("bytes 0-499/10000", new ByteRange(0, 499).contentRange(SIZE));
        assertEquals(500, new ByteRange(0, 499).length());
        assertEquals("bytes */10000", ByteRange.unsatisfiedRange(SIZE));
    }
}
