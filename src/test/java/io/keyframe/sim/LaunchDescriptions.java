package io.keyframe.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@code gst_rtsp_media_factory_set_launch} descriptions of the mounts. */
final class LaunchDescriptions {

    /** Name of the parser whose output gets PTS copied from DTS in {@code /load1080}. */
    static final String PARSER_NAME = "parse";

    private static final List<String> AAC_ENCODERS = List.of("voaacenc", "avenc_aac", "fdkaacenc");

    private LaunchDescriptions() {
    }

    /**
     * The definitions of every configured mount.
     *
     * @param loopClip pre-encoded clip of {@code /load1080}; may be null when that mount is not served
     */
    static List<MountDefinition> mounts(SimulatorConfig config, Path loopClip) {
        List<MountDefinition> result = new ArrayList<>();
        VideoSettings video = config.video();
        for (Mount mount : config.mounts()) {
            result.add(switch (mount) {
                case H264 -> live(mount, "( " + h264Video(video) + " )", false);
                case H265 -> live(mount, "( " + h265Video(video) + " )", false);
                case H264_AAC -> live(mount, "( " + h264Video(video) + " " + aacAudio() + " )", false);
                case AUTH -> live(mount, "( " + h264Video(video) + " )", true);
                case LOAD1080 -> new MountDefinition(mount.path(), loop(loopClip), true, false, true);
            });
        }
        config.customMounts().forEach((path, launch) ->
                result.add(new MountDefinition(path, launch, true, false, false)));
        return result;
    }

    private static MountDefinition live(Mount mount, String launch, boolean authenticated) {
        return new MountDefinition(mount.path(), launch, true, authenticated, false);
    }

    /** Raw I420 test pattern with a wall-clock overlay, so consecutive frames differ. */
    private static String rawVideo(VideoSettings video) {
        return "videotestsrc is-live=true pattern=smpte"
                + " ! video/x-raw,format=I420,width=" + video.width() + ",height=" + video.height()
                + ",framerate=" + video.fps() + "/1"
                + " ! clockoverlay halignment=right valignment=top shaded-background=true";
    }

    static String h264Video(VideoSettings video) {
        return rawVideo(video)
                + " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=" + video.gopFrames()
                + " option-string=scenecut=0 bitrate=" + video.bitrateKbps()
                + " ! rtph264pay name=pay0 pt=96 config-interval=1";
    }

    static String h265Video(VideoSettings video) {
        return rawVideo(video)
                + " ! x265enc tune=zerolatency speed-preset=ultrafast key-int-max=" + video.gopFrames()
                + " option-string=scenecut=0 bitrate=" + video.bitrateKbps()
                + " ! rtph265pay name=pay0 pt=96 config-interval=1";
    }

    /** A quiet 440 Hz sine, AAC-LC, mono 48 kHz, as the second stream. */
    static String aacAudio() {
        String encoder = GstRuntime.firstAvailable(AAC_ENCODERS);
        return "audiotestsrc is-live=true wave=sine freq=440 volume=0.2"
                + " ! audioconvert ! audioresample ! audio/x-raw,rate=48000,channels=1"
                + " ! " + encoder + " bitrate=64000"
                + " ! rtpmp4gpay name=pay1 pt=97";
    }

    /**
     * Reads the clip again and again as one byte stream: h264parse keeps counting DTS across
     * loops (the clip is whole GOPs and starts with SPS/PPS and an IDR), but sets no PTS; the
     * server copies DTS to PTS (no B-frames) in a pad probe after {@value #PARSER_NAME}.
     */
    static String loop(Path clip) {
        if (clip == null) {
            throw new IllegalArgumentException("no clip for the looped mount");
        }
        String location = clip.toAbsolutePath().toString().replace("%", "%%"); // location is a printf pattern
        return "( multifilesrc location=" + quote(location) + " loop=true"
                + " caps=" + quote("video/x-h264,stream-format=byte-stream,framerate=" + LoopClip.FPS + "/1")
                + " ! h264parse name=" + PARSER_NAME + " config-interval=0"
                + " ! video/x-h264,alignment=au"
                + " ! rtph264pay name=pay0 pt=96 config-interval=1 )";
    }

    /** A double-quoted value for gst_parse_launch. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
