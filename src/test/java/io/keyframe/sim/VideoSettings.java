package io.keyframe.sim;

/**
 * Encoding parameters of the live test-pattern mounts ({@code /h264}, {@code /h265},
 * {@code /h264-aac}, {@code /auth}).
 *
 * @param width       frame width in pixels
 * @param height      frame height in pixels
 * @param fps         frames per second
 * @param gopFrames   frames between key frames ({@code key-int-max}); {@code fps} gives a 1 s GOP
 * @param bitrateKbps target bit rate of the encoder in kbit/s
 */
public record VideoSettings(int width, int height, int fps, int gopFrames, int bitrateKbps) {

    /** 640x360 at 15 fps, 1 s GOP, 800 kbit/s. */
    public static final VideoSettings DEFAULT = of(640, 360, 15);

    public VideoSettings {
        if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("width and height must be even and >= 16: " + width + "x" + height);
        }
        if (fps < 1 || fps > 120) {
            throw new IllegalArgumentException("fps out of range: " + fps);
        }
        if (gopFrames < 1) {
            throw new IllegalArgumentException("gopFrames must be positive: " + gopFrames);
        }
        if (bitrateKbps < 16) {
            throw new IllegalArgumentException("bitrateKbps too small: " + bitrateKbps);
        }
    }

    /** The given size and rate with a 1 s GOP and 800 kbit/s. */
    public static VideoSettings of(int width, int height, int fps) {
        return new VideoSettings(width, height, fps, fps, 800);
    }

    /** A copy with another GOP length, in frames. */
    public VideoSettings withGopFrames(int frames) {
        return new VideoSettings(width, height, fps, frames, bitrateKbps);
    }

    /** A copy with another bit rate, in kbit/s. */
    public VideoSettings withBitrateKbps(int kbps) {
        return new VideoSettings(width, height, fps, gopFrames, kbps);
    }
}
