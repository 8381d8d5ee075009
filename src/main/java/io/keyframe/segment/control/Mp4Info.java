package io.keyframe.segment.control;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Mp4Inspector} found in one MP4 file.
 *
 * @param sizeBytes          the file length on disk
 * @param moovBeforeMdat     a complete {@code moov} box was found and no {@code mdat} box precedes it
 *                           (false when there is no complete {@code moov} at all)
 * @param duration           the movie duration ({@code mvhd}, else the longest track), {@link Duration#ZERO} if unknown
 * @param startsWithKeyframe the first sample of the video track is a sync sample
 * @param videoCodec         {@code "h264"}, {@code "h265"}, or {@code null} without a supported video track
 * @param width              the video track width in pixels, 0 if unknown
 * @param height             the video track height in pixels, 0 if unknown
 * @param hasAudio           the file has a sound track
 * @param audioCodec         {@code "aac"}, or {@code null} without a supported sound track
 * @param problems           structural problems, in the order found; empty for a sound file
 */
public record Mp4Info(long sizeBytes, boolean moovBeforeMdat, Duration duration, boolean startsWithKeyframe,
                      String videoCodec, int width, int height, boolean hasAudio,
                      String audioCodec, List<String> problems) {

    /** Copies {@code problems} and replaces a missing duration with zero. */
    public Mp4Info {
        duration = Objects.requireNonNullElse(duration, Duration.ZERO);
        problems = List.copyOf(problems);
    }

    /** The result for a file that could not be read as MP4 at all. */
    static Mp4Info unreadable(long sizeBytes, List<String> problems) {
        return new Mp4Info(sizeBytes, false, Duration.ZERO, false, null, 0, 0, false, null, problems);
    }

    /**
     * Whether a player can start this file from its first byte: it is not empty, has its
     * {@code moov} before the media data, has an H.264/H.265 video track, a positive duration,
     * begins with a keyframe, and no structural problem was found.
     */
    public boolean playable() {
        return sizeBytes > 0
                && moovBeforeMdat
                && videoCodec != null
                && duration.compareTo(Duration.ZERO) > 0
                && startsWithKeyframe
                && problems.isEmpty();
    }
}
