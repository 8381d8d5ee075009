package io.keyframe.gstreamer;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picture size and frame rate read from a video parser's caps as GStreamer prints them
 * ({@code video/x-h264, width=(int)640, height=(int)360, framerate=(fraction)15/1, ...}). Pure.
 *
 * @param frameRate frames per second, or {@code null} when the stream does not say (framerate 0/1)
 */
record VideoCaps(int width, int height, Double frameRate) {

    private static final Pattern WIDTH = Pattern.compile("(?:^|[,;\\s])width=\\(int\\)(\\d{1,6})");
    private static final Pattern HEIGHT = Pattern.compile("(?:^|[,;\\s])height=\\(int\\)(\\d{1,6})");
    private static final Pattern FRAMERATE = Pattern.compile("(?:^|[,;\\s])framerate=\\(fraction\\)(\\d{1,9})/(\\d{1,9})");

    /** The size and rate in {@code caps}; empty until the parser has seen the sequence parameters. */
    static Optional<VideoCaps> parse(String caps) {
        if (caps == null) {
            return Optional.empty();
        }
        Matcher width = WIDTH.matcher(caps);
        Matcher height = HEIGHT.matcher(caps);
        if (!width.find() || !height.find()) {
            return Optional.empty();
        }
        int w = Integer.parseInt(width.group(1));
        int h = Integer.parseInt(height.group(1));
        if (w <= 0 || h <= 0) {
            return Optional.empty();
        }
        Double rate = null;
        Matcher framerate = FRAMERATE.matcher(caps);
        if (framerate.find()) {
            long numerator = Long.parseLong(framerate.group(1));
            long denominator = Long.parseLong(framerate.group(2));
            if (numerator > 0 && denominator > 0) {
                rate = Math.round(numerator * 100.0 / denominator) / 100.0;
            }
        }
        return Optional.of(new VideoCaps(w, h, rate));
    }
}
