package it.io.keyframe.gstreamer;

import io.keyframe.recording.control.RecorderListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A {@link RecorderListener} that keeps every event, for assertions and waiting. */
class EventLog implements RecorderListener {

    /** One listener call. */
    record Event(String kind, Path file, Instant start, Duration duration, String text, Instant at) {
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void connected(String videoCodec, boolean audio) {
        add(new Event("connected", null, null, null, videoCodec + (audio ? "+audio" : ""), Instant.now()));
    }

    @Override
    public synchronized void fragmentOpened(Path file, Instant start) {
        add(new Event("opened", file, start, null, null, Instant.now()));
    }

    @Override
    public synchronized void fragmentClosed(Path file, Instant start, Duration duration) {
        add(new Event("closed", file, start, duration, null, Instant.now()));
    }

    @Override
    public synchronized void error(String message) {
        add(new Event("error", null, null, null, message, Instant.now()));
    }

    @Override
    public synchronized void endOfStream() {
        add(new Event("eos", null, null, null, null, Instant.now()));
    }

    private void add(Event event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<Event> all() {
        return List.copyOf(events);
    }

    synchronized List<Event> of(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /** Waits until an event matches, failing with the events so far after {@code timeout}. */
    synchronized Event await(Predicate<Event> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Event event : events) {
                if (condition.test(event)) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event within " + timeout + "; events: " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized Event await(String kind, Duration timeout) throws InterruptedException {
        return await(e -> e.kind().equals(kind), timeout);
    }
}
