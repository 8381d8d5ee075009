package io.keyframe.gstreamer;

import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GstObject;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.StateChangeReturn;

/**
 * Plays a {@link PipelineDescriptions#probe probe pipeline} until its parser's source pad has caps
 * with a picture size, an error arrives or the deadline passes; the pipeline always ends in NULL and
 * is disposed. The bus callbacks only record the error (they run on the shared service thread); the
 * calling thread polls the caps.
 */
final class CapsProbe implements Bus.ERROR, Bus.EOS {

    private static final Logger LOG = Logger.getLogger(CapsProbe.class.getName());
    private static final long POLL_MILLIS = 50;

    private final AtomicReference<String> error = new AtomicReference<>();
    private final CredentialMask mask;

    private CapsProbe(CredentialMask mask) {
        this.mask = mask;
    }

    /**
     * The video's size and rate.
     *
     * @param deadlineNanos a {@link System#nanoTime()} by which the caps must be known
     * @throws StreamProbeException TIMEOUT without caps in time, FAILED on a pipeline error (message masked)
     */
    static VideoCaps read(String name, String description, String user, String password, long deadlineNanos)
            throws StreamProbeException {
        GstRuntime.ensureInitialized();
        return new CapsProbe(new CredentialMask(password)).run(name, description, user, password, deadlineNanos);
    }

    private VideoCaps run(String name, String description, String user, String password, long deadlineNanos)
            throws StreamProbeException {
        Element parsed = Gst.parseLaunch(description);
        if (!(parsed instanceof Pipeline pipeline)) {
            parsed.dispose();
            throw new StreamProbeException("the probe description did not give a pipeline");
        }
        Bus bus = pipeline.getBus();
        bus.connect((Bus.ERROR) this);
        bus.connect((Bus.EOS) this);
        Element source = null;
        Element parser = null;
        Pad pad = null;
        try {
            pipeline.setName(name);
            source = pipeline.getElementByName(PipelineDescriptions.SOURCE);
            parser = pipeline.getElementByName(PipelineDescriptions.PROBE_PARSER);
            if (source == null || parser == null) {
                throw new StreamProbeException("the probe pipeline lacks its source or parser");
            }
            if (user != null) {
                source.set("user-id", user);
                source.set("user-pw", password == null ? "" : password);
            }
            pad = parser.getStaticPad("src");
            if (pipeline.play() == StateChangeReturn.FAILURE) {
                throw new StreamProbeException("the probe pipeline cannot start" + reason());
            }
            while (true) {
                if (error.get() != null) {
                    throw new StreamProbeException("the video could not be read: " + error.get());
                }
                Caps caps = pad.getCurrentCaps();
                if (caps != null) {
                    var found = VideoCaps.parse(caps.toString());
                    caps.dispose();
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
                if (System.nanoTime() > deadlineNanos) {
                    throw new StreamProbeException(StreamProbeException.Kind.TIMEOUT,
                            "the camera answered, but no picture size arrived in time" + reason());
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamProbeException("interrupted");
        } finally {
            try {
                pipeline.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot set " + name + " to NULL", e);
            }
            bus.disconnect((Bus.ERROR) this);
            bus.disconnect((Bus.EOS) this);
            for (GstObject object : new GstObject[] {pad, parser, source, bus, pipeline}) {
                if (object != null) {
                    object.dispose();
                }
            }
        }
    }

    private String reason() {
        String reason = error.get();
        return reason == null ? "" : " (" + reason + ")";
    }

    @Override
    public void errorMessage(GstObject source, int code, String message) {
        error.compareAndSet(null, mask.mask((source == null ? "?" : source.getName()) + ": " + message));
    }

    @Override
    public void endOfStream(GstObject source) {
        error.compareAndSet(null, "the stream ended");
    }
}
