package io.keyframe.gstreamer;

import io.keyframe.recording.control.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Builds the {@code gst_parse_launch} description of a recording pipeline. Pure: unit tests assert
 * the strings. Credentials never appear here; they are set on the {@value #SOURCE} element after
 * parsing.
 *
 * <pre>
 * rtspsrc name=src ... src. ! application/x-rtp,media=video,encoding-name=H264 ! rtph264depay ... ! h264parse
 *     ! identity name=meter silent=true ! tee name=frames ! queue ! mux.video
 *     frames. ! identity name=keyframes silent=true drop-buffer-flags=delta-unit ! fakesink sync=false async=false enable-last-sample=false
 *                    [ src. ! application/x-rtp,media=audio,encoding-name=MPEG4-GENERIC ! rtpmp4gdepay ! aacparse ! queue ! mux.audio_0 ]
 * splitmuxsink name=mux max-size-time=... use-robust-muxing=true muxer="mp4mux reserved-moov-update-period=1000000000" ...
 * </pre>
 *
 * <p>Audio that is not AAC (and ONVIF metadata tracks) stays unlinked: rtspsrc tolerates unlinked
 * pads as long as one is linked (measured with TCP and UDP on GStreamer 1.22), so such a track
 * never stops the video.
 *
 * <p>The two {@code identity} elements are meters read by {@link PipelineStats}: their {@code stats}
 * property counts buffers and bytes natively, so no buffer ever crosses into Java. {@value #METER}
 * sees every video frame (the parser outputs one access unit per buffer); {@value #KEYFRAMES}, on a
 * side branch of the tee, lets only keyframes through to a fakesink and counts them.
 */
public final class PipelineDescriptions {

    /** Name of the rtspsrc element. */
    public static final String SOURCE = "src";
    /** Name of the identity that counts video frames and bytes. */
    public static final String METER = "meter";
    /** Name of the identity that counts keyframes (delta units dropped before it counts). */
    public static final String KEYFRAMES = "keyframes";
    /** Name of the video parser of {@link #probe}, whose caps give the picture size. */
    public static final String PROBE_PARSER = "parse";
    /** Name of the splitmuxsink element. */
    public static final String MUXER_SINK = "mux";
    /** Everything between the video parser and the muxer's video pad: the meters and the queue. */
    static final String VIDEO_TAP = " ! identity name=" + METER + " silent=true ! tee name=frames ! queue ! " + MUXER_SINK + ".video"
            + " frames. ! identity name=" + KEYFRAMES + " silent=true drop-buffer-flags=delta-unit"
            + " ! fakesink sync=false async=false enable-last-sample=false";
    /**
     * Added to the target segment length to get splitmuxsink's {@code max-size-time}.
     * splitmuxsink puts as many whole GOPs into a file as fit into {@code max-size-time}; with the
     * target itself, a GOP that divides it leaves the last GOP on the knife edge (timestamp jitter
     * then makes files one GOP short, see FACTS.md). The GOP is not known, so a quarter second is
     * added: larger than timestamp jitter, smaller than any usual GOP, and not a multiple of the
     * usual 0.5 s, 1 s or 2 s GOPs, so those give files of exactly the target length.
     */
    public static final Duration SPLIT_MARGIN = Duration.ofMillis(250);
    /** rtspsrc {@code tcp-timeout} and {@code timeout} (no UDP data): 5 s. */
    public static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(5);
    /** mp4mux rewrites its moov every second, so a crash loses about a second. */
    private static final long MOOV_UPDATE_PERIOD_NANOS = 1_000_000_000L;

    private PipelineDescriptions() {
    }

    /**
     * The recording pipeline for one stream.
     *
     * @param location        the RTSP URL; any user information is dropped
     * @param media           what the camera's SDP offers
     * @param transport       RTSP lower transport
     * @param segmentDuration target length of one file
     * @param latency         jitter buffer latency of rtspsrc
     */
    public static String recording(URI location, SdpMedia media, Transport transport, Duration segmentDuration, Duration latency) {
        if (segmentDuration.isNegative() || segmentDuration.isZero()) {
            throw new IllegalArgumentException("segment duration must be positive: " + segmentDuration);
        }
        StringBuilder description = new StringBuilder()
                .append("rtspsrc name=").append(SOURCE)
                .append(" location=").append(quote(RtspUrls.withoutUserInfo(location).toString()))
                .append(" protocols=").append(transport.name().toLowerCase(Locale.ROOT))
                .append(" latency=").append(latency.toMillis())
                .append(" do-rtsp-keep-alive=true")
                .append(" tcp-timeout=").append(micros(NETWORK_TIMEOUT))
                .append(" timeout=").append(micros(NETWORK_TIMEOUT))
                .append(" ").append(SOURCE).append(". ! application/x-rtp,media=video,encoding-name=")
                .append(media.video().encodingName())
                .append(" ! ").append(media.video().depayloader())
                .append(" ! ").append(media.video().parser())
                .append(VIDEO_TAP);
        if (media.aac().present()) {
            description.append(" ").append(SOURCE).append(". ! application/x-rtp,media=audio,encoding-name=")
                    .append(media.aac().encodingName())
                    .append(" ! ").append(media.aac().depayloader())
                    .append(" ! aacparse ! queue ! ").append(MUXER_SINK).append(".audio_0");
        }
        return description
                .append(" splitmuxsink name=").append(MUXER_SINK)
                .append(" max-size-time=").append(maxSizeTime(segmentDuration).toNanos())
                .append(" use-robust-muxing=true")
                .append(" muxer=\"mp4mux reserved-moov-update-period=").append(MOOV_UPDATE_PERIOD_NANOS).append('"')
                .append(" send-keyframe-requests=false")
                .toString();
    }

    /**
     * A pipeline that only reads the video until its parser knows the picture size ("test
     * connection"): {@code rtspsrc ! depay ! parse name=}{@value #PROBE_PARSER}{@code  ! fakesink}.
     *
     * @param location the RTSP URL; any user information is dropped
     * @param timeout  rtspsrc's {@code tcp-timeout} and {@code timeout}
     */
    public static String probe(URI location, VideoCodec codec, Transport transport, Duration timeout) {
        return "rtspsrc name=" + SOURCE
                + " location=" + quote(RtspUrls.withoutUserInfo(location).toString())
                + " protocols=" + transport.name().toLowerCase(Locale.ROOT)
                + " latency=0"
                + " tcp-timeout=" + micros(timeout)
                + " timeout=" + micros(timeout)
                + " " + SOURCE + ". ! application/x-rtp,media=video,encoding-name=" + codec.encodingName()
                + " ! " + codec.depayloader()
                + " ! " + codec.parser() + " name=" + PROBE_PARSER
                + " ! fakesink sync=false async=false enable-last-sample=false";
    }

    /** splitmuxsink's {@code max-size-time} for a target file length: target + {@link #SPLIT_MARGIN}. */
    public static Duration maxSizeTime(Duration segmentDuration) {
        return segmentDuration.plus(SPLIT_MARGIN);
    }

    /** A double-quoted value for gst_parse_launch (backslash and quote escaped). */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static long micros(Duration duration) {
        return duration.toNanos() / 1_000;
    }
}
