package io.keyframe.export.entity;

import java.time.Duration;
import java.time.Instant;

/**
 * What an export needs to know of one segment row.
 *
 * @param id         the segment's id
 * @param startTime  wall-clock time of its first frame
 * @param duration   media duration of the file
 * @param filePath   relative to the recording root
 * @param videoCodec {@code h264} or {@code h265}
 * @param width      frame width, or 0 when unknown
 * @param height     frame height, or 0 when unknown
 * @param hasAudio   whether it has an AAC track
 */
public record ExportSegment(long id, Instant startTime, Duration duration, String filePath, String videoCodec,
                            int width, int height, boolean hasAudio) {

    public Instant endTime() {
        return startTime.plus(duration);
    }

    /** Whether two segments can be joined by stream copy into one MP4: same codec, size and tracks. */
    public boolean joinsWith(ExportSegment other) {
        return String.valueOf(videoCodec).equals(String.valueOf(other.videoCodec))
                && width == other.width && height == other.height && hasAudio == other.hasAudio;
    }

    /** e.g. {@code h264 640x360 with audio}. */
    public String describeTracks() {
        return videoCodec + " " + width + "x" + height + (hasAudio ? " with audio" : " without audio");
    }
}
