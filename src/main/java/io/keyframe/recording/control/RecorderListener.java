package io.keyframe.recording.control;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link Recorder} reports. Calls come on native GStreamer threads: implementations must
 * return quickly and hand any real work (files, database) to another thread.
 */
public interface RecorderListener {

    /** The pipeline is receiving media: the codec chosen from the camera's SDP, and whether audio is recorded. */
    void connected(String videoCodec, boolean audio);

    /** A new file was opened; {@code start} is the wall-clock time of its first frame. */
    void fragmentOpened(Path file, Instant start);

    /**
     * A file was finalised (moov written). {@code duration} is measured in pipeline running time
     * from its first frame to the first frame of the next file (or to the end of the stream).
     */
    void fragmentClosed(Path file, Instant start, Duration duration);

    /** The pipeline failed; the message names the element and never holds credentials. */
    void error(String message);

    /** The source ended the stream (a live camera does that when it drops the connection). */
    void endOfStream();
}
