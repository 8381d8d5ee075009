package io.keyframe.gstreamer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Timestamps of a {@code GstBuffer} read from its public struct, without touching its reference
 * count. Layout on 64-bit platforms (GStreamer 1.x ABI): {@code GstMiniObject} (64 bytes), then
 * {@code GstBufferPool *pool} (8), then {@code pts}, {@code dts}, {@code duration}.
 */
final class BufferTimestamps {

    static final long NONE = -1L;
    private static final long PTS_OFFSET = 72;
    private static final long DTS_OFFSET = 80;

    private BufferTimestamps() {
    }

    static long pts(Pointer buffer) {
        return read(buffer, PTS_OFFSET);
    }

    static long dts(Pointer buffer) {
        return read(buffer, DTS_OFFSET);
    }

    private static long read(Pointer buffer, long offset) {
        if (buffer == null || Native.POINTER_SIZE != 8) {
            return NONE;
        }
        return buffer.getLong(offset);
    }
}
