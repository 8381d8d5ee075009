package io.keyframe.gstreamer;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.keyframe.recording.control.RecorderListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.GstObject;
import org.freedesktop.gstreamer.Structure;
import org.freedesktop.gstreamer.glib.Natives;
import org.freedesktop.gstreamer.message.Message;
import org.freedesktop.gstreamer.message.MessageType;

import static io.keyframe.gstreamer.GstNatives.GLib.GLIB;
import static io.keyframe.gstreamer.GstNatives.GST;

/**
 * Turns one pipeline's bus messages into {@link RecorderListener} events. Runs on gst1-java-core's
 * single "gstreamer service thread", shared by every pipeline: it only reads the message, updates
 * the {@link FragmentLedger} and calls the listener (whose contract is to return quickly).
 */
final class RecorderBusHandler implements Bus.MESSAGE {

    private static final Logger LOG = Logger.getLogger(RecorderBusHandler.class.getName());
    private static final ThreadLocal<Boolean> IN_CALLBACK = ThreadLocal.withInitial(() -> Boolean.FALSE);
    static final String FRAGMENT_OPENED = "splitmuxsink-fragment-opened";
    static final String FRAGMENT_CLOSED = "splitmuxsink-fragment-closed";

    private final RecorderListener listener;
    private final EventGate gate;
    private final FragmentLedger ledger;
    private final SdpMedia media;
    private final CredentialMask mask;
    private final Clock clock;
    private final String logIds;
    private final Runnable pipelineConnected;
    private final CountDownLatch endOfStream = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile boolean failed;
    private boolean connectedReported;
    private boolean endOfStreamReported;

    /**
     * @param pipelineConnected runs (on the bus thread, so it must be quick) when the pipeline
     *                          opened its first file, failed or ended: its own connection is then
     *                          up or gone
     */
    RecorderBusHandler(RecorderListener listener, EventGate gate, FragmentLedger ledger, SdpMedia media,
                       CredentialMask mask, Clock clock, String logIds, Runnable pipelineConnected) {
        this.listener = listener;
        this.gate = gate;
        this.ledger = ledger;
        this.media = media;
        this.mask = mask;
        this.clock = clock;
        this.logIds = logIds;
        this.pipelineConnected = pipelineConnected;
    }

    /** Whether the current thread is inside a bus callback of some recorder (blocking there would deadlock). */
    static boolean onBusCallbackThread() {
        return IN_CALLBACK.get();
    }

    /** The next EOS was asked for by {@code stop()}: it is not a disconnect. */
    void stopRequested() {
        stopRequested = true;
    }

    /** Waits for EOS; returns at once if the pipeline already failed or ended. */
    boolean awaitEndOfStream(Duration timeout) throws InterruptedException {
        return failed || endOfStream.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Wakes anyone waiting for EOS: the pipeline is going away. */
    void released() {
        endOfStream.countDown();
    }

    @Override
    public void busMessage(Bus bus, Message message) {
        IN_CALLBACK.set(Boolean.TRUE);
        try {
            MessageType type = message.getType();
            if (type == MessageType.ELEMENT) {
                element(message.getStructure());
            } else if (type == MessageType.ERROR) {
                pipelineConnected.run();
                error(message);
            } else if (type == MessageType.WARNING) {
                LOG.warning(() -> "recording warning " + logIds + " " + describe(message, false));
            } else if (type == MessageType.EOS) {
                pipelineConnected.run();
                endOfStream();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot handle bus message " + logIds, e);
        } finally {
            IN_CALLBACK.set(Boolean.FALSE);
        }
    }

    private void element(Structure structure) {
        if (structure == null) {
            return;
        }
        String name = structure.getName();
        if (FRAGMENT_OPENED.equals(name)) {
            pipelineConnected.run();
            FragmentLedger.Fragment opened = ledger.opened(structure.getString("location"), runningTime(structure), clock.instant());
            LOG.fine(() -> "segment opened " + logIds + " file=" + opened.file() + " start=" + opened.start());
            gate.deliver(() -> {
                if (!connectedReported) {
                    connectedReported = true;
                    listener.connected(media.video().name(), media.recordsAudio());
                }
                listener.fragmentOpened(opened.file(), opened.start());
            });
        } else if (FRAGMENT_CLOSED.equals(name)) {
            FragmentLedger.Fragment closed = ledger.closed(structure.getString("location"), runningTime(structure), clock.instant());
            LOG.fine(() -> "segment closed " + logIds + " file=" + closed.file() + " duration=" + closed.duration());
            gate.deliver(() -> listener.fragmentClosed(closed.file(), closed.start(), closed.duration()));
        }
    }

    private void error(Message message) {
        String text = describe(message, true);
        if (failed) {
            LOG.fine(() -> "further recording error " + logIds + " " + text);
            return;
        }
        failed = true;
        LOG.warning(() -> "recording error " + logIds + " " + text);
        gate.deliver(() -> listener.error(text));
    }

    private void endOfStream() {
        endOfStream.countDown();
        if (stopRequested || endOfStreamReported) {
            return;
        }
        endOfStreamReported = true;
        LOG.info(() -> "end of stream from the camera " + logIds);
        gate.deliver(listener::endOfStream);
    }

    /** {@code element: message (last debug line)}, credentials masked. */
    private String describe(Message message, boolean error) {
        GstObject source = message.getSource();
        String element = source == null ? "pipeline" : source.getName();
        String[] parsed = parse(message, error);
        String text = parsed[0];
        String detail = parsed[1];
        if (text.isEmpty()) {
            return mask.mask(element + ": " + (detail.isEmpty() ? message.getType().name().toLowerCase(Locale.ROOT) : detail));
        }
        return mask.mask(element + ": " + text + (detail.isEmpty() || detail.equals(text) ? "" : " (" + detail + ")"));
    }

    /**
     * The GError message and the last line of the debug text (the specific cause, e.g. "Failed to
     * connect."), read through GStreamer directly and freed at once.
     */
    private static String[] parse(Message message, boolean error) {
        Pointer raw = Natives.getRawPointer(message);
        PointerByReference gerror = new PointerByReference();
        PointerByReference debug = new PointerByReference();
        if (error) {
            GST.gst_message_parse_error(raw, gerror, debug);
        } else {
            GST.gst_message_parse_warning(raw, gerror, debug);
        }
        String text = "";
        String detail = "";
        if (gerror.getValue() != null) {
            Pointer messagePointer = gerror.getValue().getPointer(GstNatives.GERROR_MESSAGE_OFFSET);
            text = messagePointer == null ? "" : messagePointer.getString(0, "UTF-8").strip();
            GLIB.g_error_free(gerror.getValue());
        }
        if (debug.getValue() != null) {
            String all = debug.getValue().getString(0, "UTF-8").strip();
            detail = all.substring(all.lastIndexOf('\n') + 1).strip();
            GLIB.g_free(debug.getValue());
        }
        return new String[] {text, detail};
    }

    private static long runningTime(Structure structure) {
        Object value = structure.hasField("running-time") ? structure.getValue("running-time") : null;
        return value instanceof Number number ? number.longValue() : GstNatives.CLOCK_TIME_NONE;
    }
}
