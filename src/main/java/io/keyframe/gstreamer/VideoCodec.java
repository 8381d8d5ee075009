package io.keyframe.gstreamer;

/**
 * The video codecs Keyframe records, with the GStreamer elements that unpack them from RTP.
 * The name (H264, H265) is the RTP encoding name of the SDP and what
 * {@link io.keyframe.recording.control.RecorderListener#connected} reports.
 */
public enum VideoCodec {

    /** H.264/AVC; the depayloader waits for a keyframe after loss, so no file starts on a delta frame. */
    H264("rtph264depay wait-for-keyframe=true", "h264parse"),
    /** H.265/HEVC; rtph265depay of GStreamer 1.22 has no {@code wait-for-keyframe} property. */
    H265("rtph265depay", "h265parse");

    private final String depayloader;
    private final String parser;

    VideoCodec(String depayloader, String parser) {
        this.depayloader = depayloader;
        this.parser = parser;
    }

    /** The depayloader with its properties, as written in a pipeline description. */
    public String depayloader() {
        return depayloader;
    }

    /** The parser element. */
    public String parser() {
        return parser;
    }

    /** The RTP encoding name ({@code a=rtpmap}), e.g. {@code H264}. */
    public String encodingName() {
        return name();
    }
}
