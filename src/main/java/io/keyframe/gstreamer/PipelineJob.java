package io.keyframe.gstreamer;

import io.keyframe.export.control.MediaJobException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Format;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.StateChangeReturn;
import org.freedesktop.gstreamer.event.SeekFlags;
import org.freedesktop.gstreamer.event.SeekType;

/**
 * One file-to-file pipeline run to its end: parsed, optionally seeked, played until EOS, ERROR or
 * the timeout, and then always set to NULL and disposed. The bus callbacks only count down a
 * latch (they run on the one service thread that every pipeline shares); the calling thread waits.
 */
final class PipelineJob implements Bus.EOS, Bus.ERROR {

    private static final Logger LOG = Logger.getLogger(PipelineJob.class.getName());

    /** A seek of the named element before playing: {@code stop} < 0 means to the end. */
    record Seek(String element, long startNanos, long stopNanos) {
    }

    private final String name;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<String> error = new AtomicReference<>();

    private PipelineJob(String name) {
        this.name = name;
    }

    /**
     * Runs {@code description} to EOS.
     *
     * @param seek a seek done in PAUSED before playing, or {@code null}
     * @throws MediaJobException on an error message, a failed state change or seek, or the timeout
     */
    static void run(String name, String description, Seek seek, Duration timeout) {
        GstRuntime.ensureInitialized();
        new PipelineJob(name).execute(description, seek, timeout);
    }

    private void execute(String description, Seek seek, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Element parsed = Gst.parseLaunch(description);
        if (!(parsed instanceof Pipeline pipeline)) {
            parsed.dispose();
            throw new MediaJobException(name + ": the description did not give a pipeline");
        }
        Bus bus = pipeline.getBus();
        bus.connect((Bus.EOS) this);
        bus.connect((Bus.ERROR) this);
        try {
            pipeline.setName(name);
            if (seek != null) {
                seek(pipeline, seek, timeout);
            }
            if (pipeline.play() == StateChangeReturn.FAILURE) {
                failed("cannot start");
            }
            long left = deadline - System.nanoTime();
            if (!done.await(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                throw new MediaJobException(name + " did not finish within " + timeout);
            }
            if (error.get() != null) {
                throw new MediaJobException(name + ": " + error.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaJobException(name + " interrupted", e);
        } finally {
            release(pipeline, bus);
        }
    }

    private void seek(Pipeline pipeline, Seek seek, Duration timeout) {
        if (pipeline.pause() == StateChangeReturn.FAILURE) {
            failed("cannot pause");
        }
        State state = pipeline.getState(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (state != State.PAUSED) {
            failed("not paused but " + state);
        }
        Element target = pipeline.getElementByName(seek.element());
        if (target == null) {
            failed("no element named " + seek.element());
        }
        try {
            boolean stopAtEnd = seek.stopNanos() < 0;
            boolean accepted = target.seek(1.0, Format.TIME,
                    EnumSet.of(SeekFlags.FLUSH, SeekFlags.KEY_UNIT, SeekFlags.SNAP_BEFORE),
                    SeekType.SET, seek.startNanos(), stopAtEnd ? SeekType.NONE : SeekType.SET,
                    stopAtEnd ? -1 : seek.stopNanos());
            if (!accepted) {
                failed("seek to " + seek.startNanos() + " ns refused");
            }
        } finally {
            target.dispose();
        }
    }

    private void failed(String what) {
        String reason = error.get();
        throw new MediaJobException(name + ": " + what + (reason == null ? "" : " (" + reason + ")"));
    }

    private void release(Pipeline pipeline, Bus bus) {
        try {
            pipeline.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot set " + name + " to NULL", e);
        }
        bus.disconnect((Bus.EOS) this);
        bus.disconnect((Bus.ERROR) this);
        bus.dispose();
        pipeline.dispose();
    }

    @Override
    public void endOfStream(org.freedesktop.gstreamer.GstObject source) {
        done.countDown();
    }

    @Override
    public void errorMessage(org.freedesktop.gstreamer.GstObject source, int code, String message) {
        error.compareAndSet(null, (source == null ? "?" : source.getName()) + ": " + message);
        done.countDown();
    }
}
