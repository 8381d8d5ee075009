package io.keyframe.gstreamer;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.time.Instant;
import java.util.List;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.glib.Natives;

import static io.keyframe.gstreamer.GstNatives.GObjectLib.GOBJECT;
import static io.keyframe.gstreamer.GstNatives.GST;

/**
 * Reads the statistics GStreamer keeps anyway, a few property reads per sample and nothing per
 * buffer: the {@code stats} structure of every {@code rtpjitterbuffer} inside rtspsrc's rtpbin
 * (found by walking the source bin on each read, as rtspsrc creates one per RTP track when the
 * stream starts and may replace them), and of the two identity meters of the video tap
 * ({@link PipelineDescriptions#VIDEO_TAP}).
 *
 * <p>Not thread-safe and not safe after the pipeline is disposed: {@link RecordingPipeline} calls
 * it under its lock, only before release.
 */
final class PipelineStats {

    private static final String JITTER_BUFFER_TYPE = "GstRtpJitterBuffer";

    private final Bin source;
    private final Element meter;
    private final Element keyframes;

    /** @param source rtspsrc (a bin), or the whole pipeline */
    PipelineStats(Bin source, Element meter, Element keyframes) {
        this.source = source;
        this.meter = meter;
        this.keyframes = keyframes;
    }

    StatsCounters read(Instant at) {
        long pushed = 0;
        long lost = 0;
        long late = 0;
        long duplicates = 0;
        List<Element> elements = source.getElementsRecursive();
        for (Element element : elements) {
            if (JITTER_BUFFER_TYPE.equals(element.getTypeName())) {
                long[] values = uint64Stats(element, "num-pushed", "num-lost", "num-late", "num-duplicates");
                pushed += values[0];
                lost += values[1];
                late += values[2];
                duplicates += values[3];
            }
        }
        long[] video = uint64Stats(meter, "num-bytes", "num-buffers");
        long keyframeCount = uint64Stats(keyframes, "num-buffers")[0];
        return new StatsCounters(pushed, lost, late, duplicates, video[0], video[1], keyframeCount, at);
    }

    /** The {@code guint64} fields of an element's {@code stats} structure; 0 for a missing field. */
    static long[] uint64Stats(Element element, String... fields) {
        long[] values = new long[fields.length];
        PointerByReference out = new PointerByReference();
        GOBJECT.g_object_get(Natives.getRawPointer(element), "stats", out, null);
        Pointer structure = out.getValue();
        if (structure == null) {
            return values;
        }
        try {
            LongByReference value = new LongByReference();
            for (int i = 0; i < fields.length; i++) {
                if (GST.gst_structure_get_uint64(structure, fields[i], value)) {
                    values[i] = value.getValue();
                }
            }
        } finally {
            GST.gst_structure_free(structure);
        }
        return values;
    }
}
