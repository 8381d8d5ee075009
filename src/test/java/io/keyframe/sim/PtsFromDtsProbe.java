package io.keyframe.sim;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import static io.keyframe.sim.RtspServerLibrary.GObject.GOBJECT;
import static io.keyframe.sim.RtspServerLibrary.GstCore.GST;
import static io.keyframe.sim.RtspServerLibrary.RTSP;

/**
 * Gives the looped clip presentation timestamps: h264parse on a raw byte stream sets DTS only,
 * and rtph264pay needs PTS. The clip has no B-frames, so PTS = DTS.
 *
 * <p>On every {@code media-configure} of a factory it adds a buffer probe on the source pad of
 * the element named {@value LaunchDescriptions#PARSER_NAME}. Both callbacks are static, hence
 * never garbage-collected while GStreamer may still call them, and stateless.
 */
final class PtsFromDtsProbe {

    private static final long CLOCK_TIME_NONE = -1L;
    private static final long INFO_DATA_OFFSET = PadProbeInfoHead.offset("data");
    private static final long BUFFER_PTS_OFFSET = BufferHead.offset("pts");
    private static final long BUFFER_DTS_OFFSET = BufferHead.offset("dts");

    private static final RtspServerLibrary.GstCore.PadProbeCallback PROBE = PtsFromDtsProbe::onBuffer;
    private static final RtspServerLibrary.MediaConfigureHandler ON_MEDIA_CONFIGURE =
            (factory, media, userData) -> addProbe(media);

    static {
        // streaming threads stay attached to the JVM instead of attach/detach on every frame
        Native.setCallbackThreadInitializer(PROBE,
                new CallbackThreadInitializer(true, false, "keyframe-sim-streaming"));
    }

    private PtsFromDtsProbe() {
    }

    /** Installs the probe on every media the factory will build. */
    static void install(Pointer factory) {
        GOBJECT.g_signal_connect_data(factory, "media-configure", ON_MEDIA_CONFIGURE, null, null, 0);
    }

    private static void addProbe(Pointer media) {
        Pointer bin = RTSP.gst_rtsp_media_get_element(media);
        if (bin == null) {
            return;
        }
        Pointer parser = GST.gst_bin_get_by_name(bin, LaunchDescriptions.PARSER_NAME);
        if (parser != null) {
            Pointer pad = GST.gst_element_get_static_pad(parser, "src");
            if (pad != null) {
                GST.gst_pad_add_probe(pad, RtspServerLibrary.GstCore.PAD_PROBE_TYPE_BUFFER, PROBE, null, null);
                GST.gst_object_unref(pad);
            }
            GST.gst_object_unref(parser);
        }
        GST.gst_object_unref(bin);
    }

    private static int onBuffer(Pointer pad, Pointer info, Pointer userData) {
        Pointer buffer = info.getPointer(INFO_DATA_OFFSET);
        if (buffer != null && buffer.getLong(BUFFER_PTS_OFFSET) == CLOCK_TIME_NONE) {
            long dts = buffer.getLong(BUFFER_DTS_OFFSET);
            if (dts != CLOCK_TIME_NONE) {
                if (GST.gst_mini_object_is_writable(buffer) == 0) {
                    buffer = GST.gst_mini_object_make_writable(buffer);
                    info.setPointer(INFO_DATA_OFFSET, buffer);
                }
                buffer.setLong(BUFFER_PTS_OFFSET, dts);
            }
        }
        return RtspServerLibrary.GstCore.PAD_PROBE_OK;
    }

    /** Leading fields of {@code GstPadProbeInfo}, only to compute offsets portably. */
    @Structure.FieldOrder({"type", "id", "data"})
    public static final class PadProbeInfoHead extends Structure {
        public int type;
        public NativeLong id;
        public Pointer data;

        static long offset(String field) {
            return new PadProbeInfoHead().fieldOffset(field);
        }
    }

    /** Leading fields of {@code GstBuffer} (a {@code GstMiniObject} first), only to compute offsets. */
    @Structure.FieldOrder({"type", "refcount", "lockstate", "flags", "copy", "dispose", "free",
            "privUint", "privPointer", "pool", "pts", "dts"})
    public static final class BufferHead extends Structure {
        public NativeLong type;
        public int refcount;
        public int lockstate;
        public int flags;
        public Pointer copy;
        public Pointer dispose;
        public Pointer free;
        public int privUint;
        public Pointer privPointer;
        public Pointer pool;
        public long pts;
        public long dts;

        static long offset(String field) {
            return new BufferHead().fieldOffset(field);
        }
    }
}
