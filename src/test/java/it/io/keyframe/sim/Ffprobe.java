package it.io.keyframe.sim;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs {@code ffprobe} against RTSP URLs over TCP, with timeouts. */
final class Ffprobe {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final String SOCKET_TIMEOUT_MICROS = "10000000";

    private Ffprobe() {
    }

    /** Outcome of one {@code -show_streams} run. */
    record Result(int exitCode, List<JsonObject> streams, String errors) {

        boolean succeeded() {
            return exitCode == 0 && !streams.isEmpty();
        }

        Optional<JsonObject> stream(String codecType) {
            return streams.stream().filter(s -> codecType.equals(s.getString("codec_type", ""))).findFirst();
        }
    }

    /** {@code ffprobe -v error -rtsp_transport tcp -show_streams -of json URL}. */
    static Result probe(String url) {
        Path out = tempFile("ffprobe-out");
        Path err = tempFile("ffprobe-err");
        try {
            Process process = new ProcessBuilder("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                    "-timeout", SOCKET_TIMEOUT_MICROS, "-show_streams", "-of", "json", url)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            int exitCode = waitFor(process, PROBE_TIMEOUT);
            return new Result(exitCode, parseStreams(Files.readString(out, StandardCharsets.UTF_8)),
                    withoutUserInfo(Files.readString(err, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ffprobe", e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    /**
     * Starts reading packets of the first video stream for up to {@code seconds}; every packet
     * prints one line on {@code output}.
     */
    static Process startReading(String url, int seconds, Path output) throws IOException {
        return new ProcessBuilder("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-timeout", SOCKET_TIMEOUT_MICROS, "-select_streams", "v:0",
                "-show_entries", "packet=pts_time", "-of", "csv=p=0",
                "-read_intervals", "%+" + seconds, url)
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Waits up to {@code timeout}, killing the process on expiry (exit code -1). */
    static int waitFor(Process process, Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -1;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** ffprobe repeats the URL in its messages: keep credentials out of test reports. */
    private static String withoutUserInfo(String text) {
        return text.replaceAll("rtsp://[^/@\\s]*@", "rtsp://***@");
    }

    private static List<JsonObject> parseStreams(String json) {
        List<JsonObject> streams = new ArrayList<>();
        if (json.isBlank()) {
            return streams;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject root = reader.readObject();
            for (JsonValue stream : root.getJsonArray("streams") == null ? List.<JsonValue>of() : root.getJsonArray("streams")) {
                streams.add(stream.asJsonObject());
            }
        }
        return streams;
    }

    private static Path tempFile(String prefix) {
        try {
            return Files.createTempFile(prefix, ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // temporary file, nothing to do
        }
    }
}
