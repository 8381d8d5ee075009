package io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.ui.DayRanges.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayRangesTest {

    @Test
    void readsRangesInAnyOrderAndWritesThemSorted() {
        List<Range> ranges = DayRanges.parse(" 13:00 - 18:00;8:00-12:00 , ");
        assertEquals(List.of(new Range(480, 720), new Range(780, 1080)), ranges);
        assertEquals("08:00-12:00, 13:00-18:00", DayRanges.format(ranges));
    }

    @Test
    void blankIsNoRangeAndMidnightEndsADay() {
        assertTrue(DayRanges.parse("  ").isEmpty());
        assertTrue(DayRanges.parse(null).isEmpty());
        assertEquals(List.of(new Range(1320, 1440)), DayRanges.parse("22:00-24:00"));
        assertEquals("", DayRanges.format(List.of()));
    }

    @Test
    void touchingRangesAreWrittenAsOne() {
        assertEquals("08:00-13:00", DayRanges.format(DayRanges.parse("08:00-12:00, 12:00-13:00")));
    }

    @Test
    void refusesWhatIsNotARangeWithAMessageForTheField() {
        assertEquals("'8-12' is not a range; write HH:MM-HH:MM, such as 08:00-12:00, 13:00-18:00",
                assertThrows(IllegalArgumentException.class, () -> DayRanges.parse("8-12")).getMessage());
        assertEquals("25:00 is not a time from 00:00 to 24:00",
                assertThrows(IllegalArgumentException.class, () -> DayRanges.parse("08:00-25:00")).getMessage());
        assertEquals("24:00 can only end a range",
                assertThrows(IllegalArgumentException.class, () -> DayRanges.parse("24:00-24:00")).getMessage());
        assertEquals("12:00-08:00: the start must be before the end",
                assertThrows(IllegalArgumentException.class, () -> DayRanges.parse("12:00-08:00")).getMessage());
        assertEquals("08:00-12:00 and 11:00-13:00 overlap",
                assertThrows(IllegalArgumentException.class, () -> DayRanges.parse("11:00-13:00, 08:00-12:00")).getMessage());
    }
}
