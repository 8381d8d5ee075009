package io.keyframe.gstreamer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FragmentLedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T18:10:07Z");
    private static final long SECOND = 1_000_000_000L;

    @Test
    void wallClockOfAFrameIsNowMinusItsAgeInRunningTime() {
        assertEquals(Instant.parse("2026-11-24T18:10:06Z"), FragmentLedger.wallClockOf(NOW, 41 * SECOND, 40 * SECOND));
    }

    @Test
    void unknownRunningTimesFallBackToNow() {
        assertEquals(NOW, FragmentLedger.wallClockOf(NOW, -1, 40 * SECOND));
        assertEquals(NOW, FragmentLedger.wallClockOf(NOW, 41 * SECOND, -1));
    }

    @Test
    void aFrameFromTheFutureIsNow() {
        assertEquals(NOW, FragmentLedger.wallClockOf(NOW, 40 * SECOND, 41 * SECOND));
    }

    @Test
    void durationRunsFromOpenedToClosedRunningTime() {
        FragmentLedger ledger = new FragmentLedger();
        Path file = Path.of("/rec/lobby/2026/11/24/18/camlobby_20261124T181000Z.mp4");
        Instant start = Instant.parse("2026-11-24T18:10:00Z");
        ledger.named(file, start);

        FragmentLedger.Fragment opened = ledger.opened(file.toString(), 3 * SECOND, NOW);
        assertEquals(new FragmentLedger.Fragment(file, start, Duration.ZERO), opened);

        FragmentLedger.Fragment closed = ledger.closed(file.toString(), 9 * SECOND + 5, NOW);
        assertEquals(new FragmentLedger.Fragment(file, start, Duration.ofNanos(6 * SECOND + 5)), closed);
        assertEquals(0, ledger.pending());
    }

    @Test
    void unknownLocationsUseTheFallbackStart() {
        FragmentLedger ledger = new FragmentLedger();
        assertEquals(new FragmentLedger.Fragment(Path.of("/x.mp4"), NOW, Duration.ZERO), ledger.opened("/x.mp4", SECOND, NOW));
        assertEquals(new FragmentLedger.Fragment(Path.of("/y.mp4"), NOW, Duration.ZERO), ledger.closed("/y.mp4", SECOND, NOW));
    }

    @Test
    void emptyReservedNamesAreDeletedAndFilesWithDataKept(@TempDir Path dir) throws Exception {
        FragmentLedger ledger = new FragmentLedger();
        Path empty = Files.createFile(dir.resolve("a.mp4"));
        Path written = Files.write(dir.resolve("b.mp4"), new byte[] {1, 2, 3});
        Path closed = Files.createFile(dir.resolve("c.mp4"));
        ledger.named(empty, NOW);
        ledger.named(written, NOW);
        ledger.named(closed, NOW);
        ledger.closed(closed.toString(), 0, NOW);
        ledger.deleteEmptyFiles();
        assertFalse(Files.exists(empty));
        assertTrue(Files.exists(written));
        assertTrue(Files.exists(closed), "a closed file is the catalog's business");
    }
}
