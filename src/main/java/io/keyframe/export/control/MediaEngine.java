package io.keyframe.export.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The media work behind exports and renditions; package {@code io.keyframe.gstreamer} implements
 * it with GStreamer. Every method blocks until the file is complete or the timeout has passed, and
 * leaves nothing running.
 */
public interface MediaEngine {

    /**
     * Joins MP4 files of one stream by stream copy into one MP4 with the moov at the start.
     *
     * @param files   the files in play order, all with the same codec, size and tracks
     * @param codec   {@code h264} or {@code h265}
     * @param audio   whether the files carry an AAC track to take along
     * @param start   position on the joined timeline; the output starts at the keyframe at or before it
     * @param stop    position on the joined timeline where the output ends, or {@code null} for the end
     * @param target  the file to write
     * @param scratch an empty directory for temporary data; the caller deletes it
     * @throws MediaJobException when the job fails or times out
     */
    void join(List<Path> files, String codec, boolean audio, Duration start, Duration stop, Path target,
              Path scratch, Duration timeout);

    /**
     * Transcodes an H.265 MP4 to H.264 (AAC audio copied), moov at the start.
     *
     * @throws MediaJobException when the job fails or times out
     */
    void transcodeToH264(Path source, boolean audio, Path target, Path scratch, Duration timeout);

    /**
     * Writes a JPEG of the first frame of an MP4 (H.264 or H.265; our segments start on a
     * keyframe), {@code width} pixels wide with the aspect ratio kept.
     *
     * @param codec {@code h264} or {@code h265}
     * @throws MediaJobException when the job fails or times out
     */
    void snapshot(Path source, String codec, int width, Path target, Duration timeout);
}
