package io.keyframe.camera.entity;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a "test connection" found on an RTSP stream.
 *
 * @param videoCodec RTP encoding name of the video track: {@code H264} or {@code H265}
 * @param frameRate  frames per second, or {@code null} when the stream does not say
 * @param audioCodec the first audio track's codec ({@code AAC}, {@code G.711 µ-law}, ...), or {@code null} for none
 */
public record ProbeResult(String videoCodec, int width, int height, Double frameRate, String audioCodec)
        implements Serializable {

    public ProbeResult {
        Objects.requireNonNull(videoCodec, "videoCodec");
    }

    /** {@code H.264 640×360 @ 15 fps, audio AAC}: one line for people. */
    public String summary() {
        StringBuilder text = new StringBuilder(displayCodec(videoCodec)).append(' ').append(width).append('×').append(height);
        if (frameRate != null) {
            text.append(" @ ").append(frameRate % 1 == 0 ? String.valueOf(frameRate.intValue()) : String.valueOf(frameRate))
                    .append(" fps");
        }
        return text.append(", ").append(audioCodec == null ? "no audio" : "audio " + audioCodec).toString();
    }

    /** {@code H264} → {@code H.264}, {@code H265} → {@code H.265}. */
    public static String displayCodec(String codec) {
        return codec.matches("H26[45]") ? "H." + codec.substring(1) : codec;
    }
}
