package io.keyframe.gstreamer;

import com.sun.jna.Pointer;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.segment.control.SegmentPaths;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.keyframe.gstreamer.GstNatives.CLOCK_TIME_NONE;
import static io.keyframe.gstreamer.GstNatives.GLib.GLIB;
import static io.keyframe.gstreamer.GstNatives.GST;

/**
 * splitmuxsink's {@code format-location-full} handler: names each new file after the wall-clock
 * time of its first frame, in the {@link SegmentPaths} layout, creates its folders and reserves
 * the name (an empty file) so that two files can never share it.
 *
 * <p>Runs on a GStreamer streaming thread about one GOP after that first frame, so the time comes
 * from the frame's running time, not from "now". Returns {@code g_strdup(path)}: GLib frees the
 * string, so it must not be Java memory.
 */
final class FragmentNamer implements GstNatives.FormatLocationFull {

    private static final Logger LOG = Logger.getLogger(FragmentNamer.class.getName());
    private static final int MAX_ATTEMPTS = 100;

    private final Path root;
    private final CameraId camera;
    private final StreamId stream;
    private final boolean primary;
    private final Clock clock;
    private final FragmentLedger ledger;

    FragmentNamer(Path root, CameraId camera, StreamId stream, boolean primary, Clock clock, FragmentLedger ledger) {
        this.root = root.toAbsolutePath().normalize();
        this.camera = camera;
        this.stream = stream;
        this.primary = primary;
        this.clock = clock;
        this.ledger = ledger;
    }

    @Override
    public Pointer callback(Pointer splitmux, int fragmentId, Pointer firstSample, Pointer userData) {
        Path file;
        try {
            Instant start = firstFrameTime(splitmux, firstSample);
            file = reserve(start);
            ledger.named(file, start);
        } catch (IOException | RuntimeException e) {
            Instant now = clock.instant();
            file = SegmentPaths.path(root, camera, stream, primary, now);
            ledger.named(file, now);
            LOG.log(Level.WARNING, "cannot name segment camera=" + camera + " stream=" + stream
                    + " fragment=" + fragmentId + " error=" + e + "; using " + file);
        }
        return GLIB.g_strdup(file.toString());
    }

    private Instant firstFrameTime(Pointer splitmux, Pointer firstSample) {
        Instant now = clock.instant();
        long nowRunningTime = GST.gst_element_get_current_running_time(splitmux);
        return FragmentLedger.wallClockOf(now, nowRunningTime, runningTimeOf(firstSample));
    }

    /** The running time of the sample's buffer (PTS, else DTS), or {@code CLOCK_TIME_NONE}. */
    private static long runningTimeOf(Pointer sample) {
        if (sample == null) {
            return CLOCK_TIME_NONE;
        }
        Pointer bufferPointer = GST.gst_sample_get_buffer(sample);
        if (bufferPointer == null) {
            return CLOCK_TIME_NONE;
        }
        // Read the timestamps straight from the GstBuffer struct (ABI-stable across GStreamer 1.x)
        // instead of wrapping the buffer: taking and dropping references on a buffer the muxer
        // still queues is what we must not risk on a streaming thread. The sample keeps the
        // buffer alive for the duration of this callback.
        long timestamp = BufferTimestamps.pts(bufferPointer);
        if (timestamp == CLOCK_TIME_NONE) {
            timestamp = BufferTimestamps.dts(bufferPointer);
        }
        Pointer segment = GST.gst_sample_get_segment(sample);
        if (timestamp == CLOCK_TIME_NONE || segment == null) {
            return timestamp;
        }
        return GST.gst_segment_to_running_time(segment, GstNatives.FORMAT_TIME, timestamp);
    }

    /** Creates the folders and an empty file under the first free name for {@code start}. */
    private Path reserve(Instant start) throws IOException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Path candidate = SegmentPaths.freePath(root, camera, stream, primary, start);
            Files.createDirectories(candidate.getParent());
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException taken) {
                LOG.fine(() -> "segment name taken meanwhile: " + candidate);
            }
        }
        throw new IOException("no free segment name after " + MAX_ATTEMPTS + " attempts");
    }
}
