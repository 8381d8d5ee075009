package io.keyframe.segment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by GStreamer's own muxers ({@code gst-launch-1.0}), checked against
 * {@code ffprobe}. Needs gstreamer1.0-tools, -plugins-good (mp4mux), -plugins-ugly (x264enc),
 * -plugins-bad (x265enc, h265parse) and -libav (avenc_aac), plus ffmpeg.
 */
class Mp4InspectorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String RAW =
            "videotestsrc num-buffers=90 ! video/x-raw,format=I420,width=320,height=240,framerate=30/1";
    private static final String H264 = RAW + " ! x264enc key-int-max=30 speed-preset=ultrafast ! h264parse";
    /**
     * Robust muxing as the recorder uses it. {@code async-handling=true}: without it
     * {@code gst-launch-1.0} now and then never exits after EOS (seen 2 runs in 12 on GStreamer 1.22).
     */
    private static final String ROBUST = "splitmuxsink location=seg%02d.mp4 max-size-time=2000000000 async-handling=true"
            + " use-robust-muxing=true muxer=\"mp4mux reserved-moov-update-period=1000000000\"";
    private static final Pattern TOKEN = Pattern.compile("(?:[^\\s\"]+|\"[^\"]*\")+");

    @TempDir
    Path dir;

    @Test
    void faststartFile() throws Exception {
        Path file = launch(H264 + " ! mp4mux faststart=true ! filesink location=a.mp4", "x264enc").resolve("a.mp4");
        Mp4Info info = Mp4Inspector.inspect(file);
        assertTrue(info.playable(), info.problems().toString());
        assertTrue(info.moovBeforeMdat());
        assertTrue(info.startsWithKeyframe());
        assertEquals("h264", info.videoCodec());
        assertEquals(320, info.width());
        assertEquals(240, info.height());
        assertEquals(Duration.ofSeconds(3), info.duration());
        assertFalse(info.hasAudio());
        assertNull(info.audioCodec());
        assertAgreesWithFfprobe(file, info);
    }

    @Test
    void robustMuxedSegments() throws Exception {
        List<Path> segments = segments(launch(H264 + " ! " + ROBUST, "x264enc"));
        assertTrue(segments.size() >= 2, segments.toString());
        for (Path segment : segments) {
            Mp4Info info = Mp4Inspector.inspect(segment);
            assertTrue(info.playable(), segment + ": " + info.problems());
            assertTrue(info.moovBeforeMdat());
            assertEquals("h264", info.videoCodec());
            assertAgreesWithFfprobe(segment, info);
        }
    }

    @Test
    void robustSegmentCutInTheMiddleOfMdatStillPlays() throws Exception {
        Path segment = segments(launch(H264 + " ! " + ROBUST, "x264enc")).get(0);
        byte[] bytes = Files.readAllBytes(segment);
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(bytes, bytes.length * 7 / 10));
        Mp4Info info = Mp4Inspector.inspect(cut);
        assertTrue(info.playable(), info.problems().toString());
        assertEquals(Files.size(cut), info.sizeBytes());
        assertEquals(Mp4Inspector.inspect(segment).duration(), info.duration(),
                "the moov still describes the whole segment");
    }

    @Test
    void segmentOfAKilledRecorderStillPlays() throws Exception {
        assumeElements("x264enc");
        String live = H264.replace("num-buffers=90", "is-live=true").replace("ultrafast", "ultrafast tune=zerolatency");
        Process recorder = start(live + " ! " + ROBUST.replace("2000000000", "60000000000"));
        try {
            Thread.sleep(2600);
        } finally {
            recorder.destroyForcibly().waitFor(5, TimeUnit.SECONDS); // SIGKILL: no EOS, no finalisation
        }
        Path segment = dir.resolve("seg00.mp4");
        Mp4Info info = Mp4Inspector.inspect(segment);
        assertTrue(info.playable(), info.problems().toString());
        assertTrue(info.duration().compareTo(Duration.ofMillis(900)) >= 0, info.duration().toString());
        assertAgreesWithFfprobe(segment, info);
    }

    @Test
    void plainMp4muxPutsMoovAfterMdat() throws Exception {
        Path file = launch(H264 + " ! mp4mux ! filesink location=p.mp4", "x264enc").resolve("p.mp4");
        Mp4Info info = Mp4Inspector.inspect(file);
        assertFalse(info.moovBeforeMdat());
        assertFalse(info.playable());
        assertEquals("h264", info.videoCodec());
        assertEquals(Duration.ofSeconds(3), info.duration());
    }

    @Test
    void h265File() throws Exception {
        String pipeline = RAW + " ! x265enc key-int-max=30 speed-preset=ultrafast ! h265parse"
                + " ! mp4mux faststart=true ! filesink location=h.mp4";
        Path file = launch(pipeline, "x265enc", "h265parse").resolve("h.mp4");
        Mp4Info info = Mp4Inspector.inspect(file);
        assertTrue(info.playable(), info.problems().toString());
        assertEquals("h265", info.videoCodec());
        assertEquals(320, info.width());
        assertAgreesWithFfprobe(file, info);
    }

    @Test
    void fileWithAacAudio() throws Exception {
        String pipeline = "mp4mux name=mux faststart=true ! filesink location=av.mp4 " + H264 + " ! mux."
                + " audiotestsrc num-buffers=100 ! audioconvert ! avenc_aac ! aacparse ! mux.";
        Path file = launch(pipeline, "x264enc", "avenc_aac").resolve("av.mp4");
        Mp4Info info = Mp4Inspector.inspect(file);
        assertTrue(info.playable(), info.problems().toString());
        assertTrue(info.hasAudio());
        assertEquals("aac", info.audioCodec());
        assertEquals("h264", info.videoCodec());
        assertAgreesWithFfprobe(file, info);
    }

    @Test
    void firstSampleThatIsNoKeyframe() throws Exception {
        Path file = launch(H264 + " ! mp4mux faststart=true ! filesink location=a.mp4", "x264enc").resolve("a.mp4");
        byte[] bytes = Files.readAllBytes(file);
        int stss = indexOf(bytes, "stss".getBytes(StandardCharsets.US_ASCII));
        assertTrue(stss > 0, "x264enc with key-int-max writes an stss box");
        // after the type: version/flags, entry count, then the first sync sample number
        bytes[stss + 4 + 4 + 4 + 3] = 2;
        Mp4Info info = Mp4Inspector.inspect(Files.write(dir.resolve("b.mp4"), bytes));
        assertFalse(info.startsWithKeyframe());
        assertFalse(info.playable());
        assertTrue(info.problems().isEmpty(), info.problems().toString());
    }

    // ---- helpers ----

    /** Duration within 0.1 s and size exactly as {@code ffprobe} reports them. */
    private static void assertAgreesWithFfprobe(Path file, Mp4Info info) throws Exception {
        List<String> ffprobe = List.of("ffprobe", "-v", "error", "-show_entries", "format=duration,size",
                "-of", "csv=p=0", file.toString());
        String[] fields = run(ffprobe, file.getParent()).trim().split(",");
        double seconds = Double.parseDouble(fields[0]);
        assertEquals(seconds, info.duration().toNanos() / 1e9, 0.1, file + " duration");
        assertEquals(Long.parseLong(fields[1]), info.sizeBytes(), file + " size");
    }

    /** Runs a pipeline to its end in {@link #dir} and returns that directory. */
    private Path launch(String pipeline, String... elements) throws Exception {
        assumeElements(elements);
        run(gstLaunch(pipeline), dir);
        return dir;
    }

    private Process start(String pipeline) throws IOException {
        return new ProcessBuilder(gstLaunch(pipeline)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** {@code gst-launch-1.0} wants the description split into words, like a shell does. */
    private static List<String> gstLaunch(String pipeline) {
        List<String> command = new ArrayList<>(List.of("gst-launch-1.0", "-q", "-e"));
        Matcher words = TOKEN.matcher(pipeline);
        while (words.find()) {
            command.add(words.group().replace("\"", ""));
        }
        return command;
    }

    private static String run(List<String> command, Path workDir) throws Exception {
        Path output = Files.createTempFile(workDir, "out", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        String text = Files.readString(output);
        Files.delete(output);
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + "\n" + text);
        return text;
    }

    private static void assumeElements(String... elements) throws Exception {
        for (String element : elements) {
            Process check = new ProcessBuilder("gst-inspect-1.0", "--exists", element)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assumeTrue(check.waitFor(10, TimeUnit.SECONDS) && check.exitValue() == 0,
                    "GStreamer element " + element + " missing: install the GStreamer packages named in the class comment");
        }
    }

    private static List<Path> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("seg\\d+\\.mp4")).sorted().toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
