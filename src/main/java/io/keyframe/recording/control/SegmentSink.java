package io.keyframe.recording.control;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Receives the files a session writes; the segment catalog implements it. Calls may come on native
 * threads: implementations queue the work and return at once.
 */
public interface SegmentSink {

    /** A file was opened; its first frame is at {@code start}. */
    void opened(RecordingTarget target, Path file, Instant start);

    /** A file was finalised by the muxer. */
    void closed(RecordingTarget target, Path file, Instant start, Duration duration);

    /** The recorder was torn down while writing this file (error, stall, lost connection). */
    void interrupted(RecordingTarget target, Path file, Instant start);
}
