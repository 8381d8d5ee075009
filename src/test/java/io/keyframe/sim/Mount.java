package io.keyframe.sim;

/** The built-in mounts of a {@link CameraSimulator}. */
public enum Mount {
    /** Live H.264 test pattern with a clock overlay. */
    H264("/h264"),
    /** Live H.265 test pattern with a clock overlay. */
    H265("/h265"),
    /** Live H.264 video (pay0) plus a 440 Hz AAC audio track (pay1). */
    H264_AAC("/h264-aac"),
    /** Like {@link #H264}, but the client must authenticate (RTSP basic or digest). */
    AUTH("/auth"),
    /** Pre-encoded 1080p30 H.264 of about 4 Mbit/s looped forever; one shared pipeline for all clients. */
    LOAD1080("/load1080");

    private final String path;

    Mount(String path) {
        this.path = path;
    }

    /** The mount path, starting with a slash, e.g. {@code /h264}. */
    public String path() {
        return path;
    }
}
