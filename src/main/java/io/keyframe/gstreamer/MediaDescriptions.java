package io.keyframe.gstreamer;

import java.nio.file.Path;

/**
 * Builds the {@code gst_parse_launch} descriptions of exports and renditions. Pure: unit tests
 * assert the strings.
 *
 * <pre>
 * join:      splitmuxsrc name=src location=".../p*.mp4" src.video_0 ! h264parse ! identity ts-offset=1s ! queue ! mux.video_0
 *            [ src.audio_0 ! aacparse ! identity ts-offset=1s ! queue ! mux.audio_0 ]
 *            mp4mux name=mux faststart=true faststart-file=... ! filesink location=... async=false
 * rendition: filesrc location=... ! qtdemux name=demux demux.video_0 ! h265parse ! avdec_h265 ! videoconvert
 *            ! video/x-raw,format=I420 ! x264enc ... ! h264parse ! queue ! mux.video_0 [ demux.audio_0 ! aacparse ! queue ! mux.audio_0 ]
 *            mp4mux ... ! filesink ...
 * thumbnail: filesrc location=... ! qtdemux name=demux demux.video_0 ! h264parse ! avdec_h264 max-threads=1
 *            ! videoscale ! video/x-raw,width=320,pixel-aspect-ratio=1/1 ! videoconvert ! jpegenc snapshot=true ... ! filesink ...
 * </pre>
 *
 * <p>splitmuxsrc plays the parts back to back with continuous timestamps and seeks across them;
 * it needs every part to have the same tracks. The one-second {@code ts-offset} keeps the running
 * time of every decoding timestamp positive: H.265 from x265 starts with DTS below PTS, and after
 * a seek mp4mux clamped those negative DTS to 0 (non-monotonic DTS, measured), with the offset it
 * writes them as they are. mp4mux starts its file at the first timestamp, so the offset does not
 * show in the output. {@code faststart-file} keeps mp4mux's buffer file out of {@code /tmp}.
 */
final class MediaDescriptions {

    /** Name of the splitmuxsrc element of a join, which receives the seek. */
    static final String JOIN_SOURCE = "src";
    /** Added to every timestamp before the muxer, see the class comment. */
    static final long TS_OFFSET_NANOS = 1_000_000_000L;
    /** Longest distance between keyframes of a rendition, in frames. */
    static final int RENDITION_KEY_INT_MAX = 30;
    /** JPEG quality of thumbnails: small files, good enough to recognise a scene. */
    static final int THUMBNAIL_QUALITY = 80;

    private MediaDescriptions() {
    }

    /** The parser of a codec as stored in {@code segment.video_codec}. */
    static String parser(String codec) {
        return switch (codec == null ? "" : codec) {
            case "h264" -> "h264parse";
            case "h265" -> "h265parse";
            default -> throw new IllegalArgumentException("no parser for video codec " + codec);
        };
    }

    /** The libav decoder of a codec as stored in {@code segment.video_codec}. */
    static String decoder(String codec) {
        return switch (codec == null ? "" : codec) {
            case "h264" -> "avdec_h264";
            case "h265" -> "avdec_h265";
            default -> throw new IllegalArgumentException("no decoder for video codec " + codec);
        };
    }

    /**
     * A JPEG of the first frame of an MP4 (our segments start on a keyframe), {@code width} pixels
     * wide: videoscale derives the height from the display aspect ratio (square pixels out), and
     * {@code jpegenc snapshot=true} ends the stream after one frame, so the job stops at once.
     * One decoder thread: frame threading would decode several frames before the first comes out.
     */
    static String thumbnail(Path source, String codec, int width, Path target) {
        if (width < 16 || width > 4096) {
            throw new IllegalArgumentException("thumbnail width must be from 16 to 4096, got " + width);
        }
        return "filesrc location=" + quote(source) + " ! qtdemux name=demux demux.video_0 ! " + parser(codec)
                + " ! " + decoder(codec) + " max-threads=1 ! videoscale ! video/x-raw,width=" + width
                + ",pixel-aspect-ratio=1/1 ! videoconvert ! jpegenc snapshot=true quality=" + THUMBNAIL_QUALITY
                + " ! filesink location=" + quote(target) + " async=false";
    }

    /** Joins the files matching {@code pattern} (a glob on the file name only, e.g. {@code /x/p*.mp4}). */
    static String join(Path pattern, String codec, boolean audio, Path faststartFile, Path target) {
        StringBuilder d = new StringBuilder()
                .append("splitmuxsrc name=").append(JOIN_SOURCE).append(" location=").append(quote(pattern))
                .append(' ').append(JOIN_SOURCE).append(".video_0 ! ").append(parser(codec))
                .append(" ! identity ts-offset=").append(TS_OFFSET_NANOS).append(" ! queue ! mux.video_0");
        if (audio) {
            d.append(' ').append(JOIN_SOURCE).append(".audio_0 ! aacparse ! identity ts-offset=")
                    .append(TS_OFFSET_NANOS).append(" ! queue ! mux.audio_0");
        }
        return d.append(' ').append(muxer(faststartFile, target)).toString();
    }

    /** Decodes an H.265 MP4 and encodes it as H.264 (constrained to 4:2:0, what browsers decode); AAC is copied. */
    static String h264Rendition(Path source, boolean audio, Path faststartFile, Path target) {
        StringBuilder d = new StringBuilder()
                .append("filesrc location=").append(quote(source))
                .append(" ! qtdemux name=demux demux.video_0 ! h265parse ! avdec_h265 ! videoconvert")
                .append(" ! video/x-raw,format=I420")
                .append(" ! x264enc speed-preset=ultrafast tune=zerolatency key-int-max=").append(RENDITION_KEY_INT_MAX)
                .append(" ! video/x-h264,profile=constrained-baseline ! h264parse ! queue ! mux.video_0");
        if (audio) {
            d.append(" demux.audio_0 ! aacparse ! queue ! mux.audio_0");
        }
        return d.append(' ').append(muxer(faststartFile, target)).toString();
    }

    private static String muxer(Path faststartFile, Path target) {
        return "mp4mux name=mux faststart=true trak-timescale=90000 faststart-file=" + quote(faststartFile)
                + " ! filesink location=" + quote(target) + " async=false";
    }

    private static String quote(Path path) {
        return PipelineDescriptions.quote(path.toAbsolutePath().toString());
    }
}
