package io.keyframe.gstreamer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.glib.Natives;
import org.junit.jupiter.api.Test;

/** The struct offsets agree with what GStreamer itself stores. */
class BufferTimestampsTest {

    @Test
    void readsPtsAndDtsWhereGStreamerWritesThem() {
        GstRuntime.ensureInitialized();
        Buffer buffer = new Buffer(16);
        try {
            buffer.setPresentationTimestamp(123_456_789L);
            buffer.setDecodeTimestamp(987_654_321L);
            assertEquals(123_456_789L, BufferTimestamps.pts(Natives.getRawPointer(buffer)));
            assertEquals(987_654_321L, BufferTimestamps.dts(Natives.getRawPointer(buffer)));
            buffer.setPresentationTimestamp(BufferTimestamps.NONE);
            assertEquals(BufferTimestamps.NONE, BufferTimestamps.pts(Natives.getRawPointer(buffer)));
        } finally {
            buffer.dispose();
        }
    }
}
