package it.io.keyframe.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks of recorded files with ffprobe and ffmpeg, independent of Keyframe's own inspector. */
public final class Media {

    private Media() {
    }

    /** {@code ffprobe -show_format -show_streams} as JSON. */
    public static JsonObject probe(Path file) {
        String out = run("ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", file.toString());
        return Json.createReader(new StringReader(out)).readObject();
    }

    public static double duration(Path file) {
        return Double.parseDouble(probe(file).getJsonObject("format").getString("duration"));
    }

    public static String videoCodec(Path file) {
        return probe(file).getJsonArray("streams").stream().map(s -> s.asJsonObject())
                .filter(s -> s.getString("codec_type").equals("video")).findFirst().orElseThrow()
                .getString("codec_name");
    }

    public static boolean hasAudio(Path file, String codec) {
        return probe(file).getJsonArray("streams").stream().map(s -> s.asJsonObject())
                .anyMatch(s -> s.getString("codec_type").equals("audio") && s.getString("codec_name").equals(codec));
    }

    /** Whether the first video frame is a keyframe. */
    public static boolean startsWithKeyframe(Path file) {
        String out = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1",
                "-show_entries", "frame=key_frame", "-of", "csv=p=0", file.toString());
        return out.trim().startsWith("1");
    }

    /** Presentation times of the first video stream's packets, in seconds, sorted. */
    public static List<Double> videoPacketTimes(Path file) {
        String out = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time",
                "-of", "csv=p=0", file.toString());
        return out.lines().map(String::trim).filter(l -> !l.isEmpty()).map(l -> l.replace(",", ""))
                .map(Double::parseDouble).sorted().toList();
    }

    /** Decodes the whole file; returns what ffmpeg reported as errors (empty when clean). */
    public static String decodeErrors(Path file) {
        return run("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-").trim();
    }

    /** The top-level MP4 boxes in order, e.g. [ftyp, moov, free, mdat]. */
    public static List<String> topLevelBoxes(Path file) {
        List<String> boxes = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            long position = 0;
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(16);
            while (position + 8 <= size) {
                header.clear();
                channel.read(header, position);
                header.flip();
                long boxSize = Integer.toUnsignedLong(header.getInt());
                byte[] type = new byte[4];
                header.get(type);
                boxes.add(new String(type, StandardCharsets.ISO_8859_1));
                if (boxSize == 1) {
                    boxSize = header.getLong();
                } else if (boxSize == 0) {
                    break;
                }
                if (boxSize < 8) {
                    break;
                }
                position += boxSize;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return boxes;
    }

    public static boolean moovBeforeMdat(Path file) {
        List<String> boxes = topLevelBoxes(file);
        return boxes.contains("moov") && boxes.contains("mdat") && boxes.indexOf("moov") < boxes.indexOf("mdat");
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
