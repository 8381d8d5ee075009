package io.keyframe.gstreamer;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.StateChangeReturn;
import org.freedesktop.gstreamer.event.EOSEvent;
import org.freedesktop.gstreamer.glib.NativeObject;

/**
 * The native side of one recording: the parsed pipeline and strong references to everything
 * GStreamer calls back into (bus handler, {@code format-location-full} callback), so that none of
 * them is garbage-collected while the pipeline runs. Ends in the NULL state, disposed.
 */
final class RecordingPipeline {

    private static final Logger LOG = Logger.getLogger(RecordingPipeline.class.getName());

    private final Pipeline pipeline;
    private final Element source;
    private final Element muxer;
    private final Element meter;
    private final Element keyframes;
    private final PipelineStats stats;
    private final Bus bus;
    private final FragmentNamer namer;
    private final RecorderBusHandler handler;
    private boolean released;

    private RecordingPipeline(Pipeline pipeline, Element source, Element muxer, Element meter, Element keyframes, Bus bus,
                              FragmentNamer namer, RecorderBusHandler handler) {
        this.pipeline = pipeline;
        this.source = source;
        this.muxer = muxer;
        this.meter = meter;
        this.keyframes = keyframes;
        this.stats = new PipelineStats(source instanceof Bin bin ? bin : pipeline, meter, keyframes);
        this.bus = bus;
        this.namer = namer;
        this.handler = handler;
    }

    /**
     * Parses {@code description}, sets the credentials on the source (they are never part of the
     * description) and connects the callbacks. The pipeline is left in the NULL state.
     *
     * @param user     RTSP user, or {@code null}
     * @param password RTSP password, or {@code null}
     */
    static RecordingPipeline create(String description, String name, String user, String password,
                                    FragmentNamer namer, RecorderBusHandler handler) {
        Element parsed = Gst.parseLaunch(description);
        if (!(parsed instanceof Pipeline pipeline)) {
            parsed.dispose();
            throw new IllegalStateException("the description did not give a pipeline");
        }
        Element source = null;
        Element muxer = null;
        Element meter = null;
        Element keyframes = null;
        try {
            pipeline.setName(name);
            source = required(pipeline, PipelineDescriptions.SOURCE);
            muxer = required(pipeline, PipelineDescriptions.MUXER_SINK);
            meter = required(pipeline, PipelineDescriptions.METER);
            keyframes = required(pipeline, PipelineDescriptions.KEYFRAMES);
            if (user != null) {
                source.set("user-id", user);
                source.set("user-pw", password == null ? "" : password);
            }
            muxer.connect("format-location-full", GstNatives.FormatLocationFull.class, namer, namer);
            Bus bus = pipeline.getBus();
            bus.connect(handler);
            return new RecordingPipeline(pipeline, source, muxer, meter, keyframes, bus, namer, handler);
        } catch (RuntimeException e) {
            disposeAll(source, muxer, meter, keyframes, pipeline);
            throw e;
        }
    }

    /** Sets PLAYING; rtspsrc connects on its own thread, so this returns quickly. */
    synchronized StateChangeReturn play() {
        if (released) {
            return StateChangeReturn.FAILURE;
        }
        return pipeline.play();
    }

    /** Sends EOS into the pipeline, so splitmuxsink finalises the file being written. */
    synchronized void sendEndOfStream() {
        if (!released) {
            handler.stopRequested();
            pipeline.sendEvent(new EOSEvent());
        }
    }

    /** Waits for the EOS message (at once if the pipeline failed or was released). */
    boolean awaitEndOfStream(Duration timeout) throws InterruptedException {
        return handler.awaitEndOfStream(timeout);
    }

    /**
     * The pipeline's counters now ({@link PipelineStats}), or {@code null} once released: the lock
     * keeps {@link #release()} from disposing the elements during the read.
     */
    synchronized StatsCounters readCounters(Instant at) {
        return released ? null : stats.read(at);
    }

    /** NULL state, callbacks disconnected, native references dropped. Idempotent. */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            pipeline.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot set pipeline " + pipeline.getName() + " to NULL", e);
        }
        handler.released();
        bus.disconnect(handler);
        muxer.disconnect(GstNatives.FormatLocationFull.class, namer);
        disposeAll(source, muxer, meter, keyframes, bus, pipeline);
    }

    private static Element required(Pipeline pipeline, String name) {
        Element element = pipeline.getElementByName(name);
        if (element == null) {
            throw new IllegalStateException("no element named " + name + " in the pipeline");
        }
        return element;
    }

    private static void disposeAll(NativeObject... objects) {
        for (NativeObject object : objects) {
            if (object != null) {
                try {
                    object.dispose();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "dispose failed", e);
                }
            }
        }
    }
}
