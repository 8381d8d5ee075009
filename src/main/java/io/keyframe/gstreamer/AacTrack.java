package io.keyframe.gstreamer;

/** Whether a stream carries AAC audio that can go into the MP4 file, and in which RTP packing. */
public enum AacTrack {

    /** No AAC audio track (there may be other audio, which is not recorded). */
    NONE(null, null),
    /** RFC 3640 {@code MPEG4-GENERIC} with {@code mode=AAC-hbr} (or AAC-lbr). */
    MPEG4_GENERIC("MPEG4-GENERIC", "rtpmp4gdepay"),
    /** RFC 3016 {@code MP4A-LATM}. */
    MP4A_LATM("MP4A-LATM", "rtpmp4adepay");

    private final String encodingName;
    private final String depayloader;

    AacTrack(String encodingName, String depayloader) {
        this.encodingName = encodingName;
        this.depayloader = depayloader;
    }

    /** The RTP encoding name, or {@code null} for {@link #NONE}. */
    public String encodingName() {
        return encodingName;
    }

    /** The depayloader element, or {@code null} for {@link #NONE}. */
    public String depayloader() {
        return depayloader;
    }

    /** Whether there is AAC audio to record. */
    public boolean present() {
        return this != NONE;
    }
}
