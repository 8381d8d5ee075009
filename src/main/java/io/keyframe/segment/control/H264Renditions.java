package io.keyframe.segment.control;

import java.nio.file.Path;

/**
 * H.264 copies of segments for browsers that cannot play H.265; implemented by the export
 * feature, which owns transcoding. {@code GET /segments/{id}/file?format=h264} serves what it
 * returns with the same range and cache handling as the original file.
 */
public interface H264Renditions {

    /** The H.264 file for segment {@code id} (the original when it is H.264 already); may transcode first. */
    Path h264(long id);
}
