package io.keyframe.gstreamer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The books of one pipeline's files: the wall-clock start chosen when a file was named (on a
 * streaming thread), the running time at which splitmuxsink opened it, and from that its
 * duration when it closes (on the bus thread). Pure and thread-safe.
 */
final class FragmentLedger {

    /** A file as reported to the listener. */
    record Fragment(Path file, Instant start, Duration duration) {
    }

    private record Entry(Path file, Instant start, long openedRunningTime) {
    }

    private final Map<String, Entry> byLocation = new ConcurrentHashMap<>();

    /**
     * The wall-clock time of a frame: {@code now} minus how long ago, in running time, the frame
     * was (its running time against the pipeline's current running time). Falls back to
     * {@code now} when either running time is unknown (negative).
     */
    static Instant wallClockOf(Instant now, long nowRunningTime, long frameRunningTime) {
        if (nowRunningTime < 0 || frameRunningTime < 0) {
            return now;
        }
        return now.minusNanos(Math.max(0, nowRunningTime - frameRunningTime));
    }

    /** Records the name given to a new file and the wall-clock time of its first frame. */
    void named(Path file, Instant start) {
        byLocation.put(file.toString(), new Entry(file, start, -1));
    }

    /**
     * splitmuxsink opened {@code location} at {@code runningTime}. Returns the file with the start
     * chosen when it was named, or {@code fallbackStart} for a name this ledger did not give.
     */
    Fragment opened(String location, long runningTime, Instant fallbackStart) {
        Entry entry = byLocation.compute(location, (key, known) -> known == null
                ? new Entry(Path.of(location), fallbackStart, runningTime)
                : new Entry(known.file(), known.start(), runningTime));
        return new Fragment(entry.file(), entry.start(), Duration.ZERO);
    }

    /**
     * splitmuxsink closed {@code location} at {@code runningTime}: the file, its start and its
     * duration in running time (zero when the opening was not seen). Forgets the file.
     */
    Fragment closed(String location, long runningTime, Instant fallbackStart) {
        Entry entry = byLocation.remove(location);
        if (entry == null) {
            return new Fragment(Path.of(location), fallbackStart, Duration.ZERO);
        }
        long nanos = entry.openedRunningTime() >= 0 && runningTime >= entry.openedRunningTime()
                ? runningTime - entry.openedRunningTime() : 0;
        return new Fragment(entry.file(), entry.start(), Duration.ofNanos(nanos));
    }

    /**
     * Deletes the files named or opened but not closed that are still empty (the muxer never wrote
     * to them); called once the pipeline is released. Files with data are left for the catalog.
     */
    void deleteEmptyFiles() {
        for (Entry entry : byLocation.values()) {
            try {
                if (java.nio.file.Files.size(entry.file()) == 0) {
                    java.nio.file.Files.deleteIfExists(entry.file());
                }
            } catch (java.io.IOException e) {
                // gone already, or unreadable: nothing to clean
            }
        }
    }

    /** How many files are named or open and not closed yet. */
    int pending() {
        return byLocation.size();
    }
}
