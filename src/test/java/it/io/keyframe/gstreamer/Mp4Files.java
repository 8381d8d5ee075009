package it.io.keyframe.gstreamer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Looks into recorded MP4 files: top-level boxes, and what ffprobe says. */
final class Mp4Files {

    /** ffprobe's view of a file. */
    record Probe(double duration, List<String> codecs, int width, int height, boolean startsOnKeyframe) {
    }

    private Mp4Files() {
    }

    /** The types of the top-level boxes, in file order ({@code ftyp}, {@code moov}, {@code mdat}...). */
    static List<String> topLevelBoxes(Path file) throws IOException {
        List<String> types = new ArrayList<>();
        long size = Files.size(file);
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            long position = 0;
            while (position + 8 <= size) {
                long boxSize = in.readInt() & 0xffffffffL;
                byte[] type = new byte[4];
                in.readFully(type);
                long header = 8;
                if (boxSize == 1) {
                    boxSize = in.readLong();
                    header = 16;
                } else if (boxSize == 0) {
                    boxSize = size - position;
                }
                types.add(new String(type, StandardCharsets.ISO_8859_1));
                if (boxSize < header) {
                    break;
                }
                skipFully(in, boxSize - header);
                position += boxSize;
            }
        }
        return types;
    }

    static Probe probe(Path file) throws IOException, InterruptedException {
        String json = run("ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_name,width,height",
                "-of", "json", file.toString());
        String firstFrame = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=key_frame",
                "-read_intervals", "%+#1", "-of", "csv=p=0", file.toString());
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject root = reader.readObject();
            List<String> codecs = new ArrayList<>();
            int width = 0;
            int height = 0;
            for (JsonValue value : root.getJsonArray("streams")) {
                JsonObject stream = value.asJsonObject();
                codecs.add(stream.getString("codec_name", "?"));
                width = Math.max(width, stream.getInt("width", 0));
                height = Math.max(height, stream.getInt("height", 0));
            }
            double duration = Double.parseDouble(root.getJsonObject("format").getString("duration", "0"));
            return new Probe(duration, codecs, width, height, firstFrame.strip().startsWith("1"));
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("ffprobe did not finish: " + String.join(" ", command));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void skipFully(DataInputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("box runs past the end of the file");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
