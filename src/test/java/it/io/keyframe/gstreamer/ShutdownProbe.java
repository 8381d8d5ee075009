package it.io.keyframe.gstreamer;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.gstreamer.GstRecorderFactory;
import io.keyframe.recording.control.Recorder;
import io.keyframe.recording.control.RecordingTarget;
import io.keyframe.recording.control.Transport;
import io.keyframe.sim.CameraSimulator;
import io.keyframe.sim.Mount;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Run in a JVM of its own by {@link GstRecorderIT}: records, then calls the factory's
 * {@code @PreDestroy} method, as Liberty does at application stop. Prints {@code OK <file>} when the
 * last file was finalised and no "gstreamer service thread" is left; the JVM must then exit by
 * itself (no native or Java thread keeps it alive).
 */
public final class ShutdownProbe {

    private ShutdownProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("keyframe-shutdown");
        try (CameraSimulator camera = CameraSimulator.builder().port(0).h264(320, 240, 15).mounts(Mount.H264).start()) {
            GstRecorderFactory factory = new GstRecorderFactory(Clock.systemUTC());
            EventLog events = new EventLog();
            Recorder recorder = factory.create(new RecordingTarget(CameraId.of("lobby"), StreamId.of("main"), true,
                    URI.create(camera.url(Mount.H264)), null, null, Transport.TCP, root, Duration.ofSeconds(60)), events);
            recorder.start();
            events.await("opened", Duration.ofSeconds(10));
            Thread.sleep(1_500);

            factory.shutdown();

            String problem = events.of("closed").size() != 1 ? "last file not finalised: " + events.all()
                    : factory.liveRecorders() != 0 ? factory.liveRecorders() + " recorders alive"
                    : serviceThreadAlive() ? "gstreamer service thread still alive"
                    : null;
            System.out.println(problem == null ? "OK " + events.of("closed").get(0).file() : "FAIL " + problem);
        } finally {
            deleteTree(root);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static boolean serviceThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("gstreamer service thread"));
    }
}
