package io.keyframe.recording.control;

import io.keyframe.testing.HandClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Test doubles for the session: a recorder, a sink, a scheduler on virtual time and a clock. */
final class Fakes {

    private Fakes() {
    }

    /** A recorder that does nothing by itself; tests fire its events through {@link #listener}. */
    static final class FakeRecorder implements Recorder {
        final RecorderListener listener;
        final RecordingTarget target;
        boolean started;
        boolean stopped;
        boolean aborted;
        Path writing;
        Instant writingStart;

        FakeRecorder(RecordingTarget target, RecorderListener listener) {
            this.target = target;
            this.listener = listener;
        }

        void open(Path file, Instant start) {
            writing = file;
            writingStart = start;
            listener.fragmentOpened(file, start);
        }

        @Override
        public void start() {
            started = true;
        }

        /** Like the real one: end of stream finalises the file being written. */
        @Override
        public void stop(Duration timeout) {
            stopped = true;
            if (writing != null) {
                listener.fragmentClosed(writing, writingStart, Duration.ofSeconds(3));
                writing = null;
            }
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }

    static final class FakeFactory implements RecorderFactory {
        final List<FakeRecorder> created = new ArrayList<>();

        @Override
        public Recorder create(RecordingTarget target, RecorderListener listener) {
            FakeRecorder recorder = new FakeRecorder(target, listener);
            created.add(recorder);
            return recorder;
        }

        FakeRecorder last() {
            return created.get(created.size() - 1);
        }
    }

    static final class FakeSink implements SegmentSink {
        final List<String> events = new ArrayList<>();

        @Override
        public void opened(RecordingTarget target, Path file, Instant start) {
            events.add("opened " + file.getFileName());
        }

        @Override
        public void closed(RecordingTarget target, Path file, Instant start, Duration duration) {
            events.add("closed " + file.getFileName());
        }

        @Override
        public void interrupted(RecordingTarget target, Path file, Instant start) {
            events.add("interrupted " + file.getFileName());
        }
    }

    /** Runs "execute" tasks on {@link #runPending()} and timers as virtual time advances. */
    static final class ManualScheduler implements TaskScheduler {
        private final HandClock clock;
        private final List<Runnable> pending = new ArrayList<>();
        private final List<Timer> timers = new ArrayList<>();

        private record Timer(Instant due, Runnable task, boolean[] cancelled) {
        }

        ManualScheduler(HandClock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized void execute(Runnable task) {
            pending.add(task);
        }

        @Override
        public synchronized Cancellable schedule(Runnable task, Duration delay) {
            boolean[] cancelled = {false};
            timers.add(new Timer(clock.now.plus(delay), task, cancelled));
            return () -> cancelled[0] = true;
        }

        void runPending() {
            while (true) {
                List<Runnable> batch;
                synchronized (this) {
                    if (pending.isEmpty()) {
                        return;
                    }
                    batch = new ArrayList<>(pending);
                    pending.clear();
                }
                batch.forEach(Runnable::run);
            }
        }

        /** Advances virtual time in 100 ms steps, firing due timers and pending tasks. */
        void advance(Duration duration) {
            Instant end = clock.now.plus(duration);
            while (clock.now.isBefore(end)) {
                clock.now = clock.now.plusMillis(100);
                List<Timer> due;
                synchronized (this) {
                    due = timers.stream().filter(t -> !t.due().isAfter(clock.now))
                            .sorted(Comparator.comparing(Timer::due)).toList();
                    timers.removeAll(due);
                }
                due.stream().filter(t -> !t.cancelled()[0]).forEach(t -> t.task().run());
                runPending();
            }
        }

        synchronized long liveTimers() {
            return timers.stream().filter(t -> !t.cancelled()[0]).count();
        }
    }

    static final class SwitchableReachability implements Reachability {
        boolean up = true;
        int probes;

        @Override
        public boolean reachable(URI rtspUrl) {
            probes++;
            return up;
        }
    }
}
