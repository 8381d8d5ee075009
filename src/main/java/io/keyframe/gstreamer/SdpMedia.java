package io.keyframe.gstreamer;

import java.util.Objects;

/**
 * What a camera's SDP offers, as far as recording cares.
 *
 * @param video      the codec of the video track that is recorded
 * @param aac        the AAC audio track that is recorded with it, if any
 * @param otherAudio whether there is audio in another codec (G.711, Opus...), which is not recorded
 */
public record SdpMedia(VideoCodec video, AacTrack aac, boolean otherAudio) {

    public SdpMedia {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(aac, "aac");
    }

    /** Whether the files get an audio track. */
    public boolean recordsAudio() {
        return aac.present();
    }
}
