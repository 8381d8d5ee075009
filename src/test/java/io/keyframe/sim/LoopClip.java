package io.keyframe.sim;

import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pre-encoded clip behind {@code /load1080}: 2 s of 1080p30 H.264 at about 4 Mbit/s, GOP 1 s
 * (so exactly two whole GOPs, no B-frames), Annex B byte stream. Encoded once per cache directory
 * and reused; written to a temporary file and moved into place, so concurrent JVMs never read a
 * half-written clip.
 */
final class LoopClip {

    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;
    static final int FPS = 30;
    static final int GOP_FRAMES = FPS;
    static final int SECONDS = 2;
    static final int BITRATE_KBPS = 4000;

    private static final long ENCODE_TIMEOUT_SECONDS = 120;

    private LoopClip() {
    }

    /** The clip in {@code cacheDirectory}, encoded first if missing. */
    static synchronized Path ensure(Path cacheDirectory) {
        Path clip = cacheDirectory.resolve(String.format("load-%dx%d-%dfps-%dkbps-gop%d-%ds.h264",
                WIDTH, HEIGHT, FPS, BITRATE_KBPS, GOP_FRAMES, SECONDS));
        try {
            if (Files.isRegularFile(clip) && Files.size(clip) > 0) {
                return clip;
            }
            Files.createDirectories(cacheDirectory);
            Path partial = Files.createTempFile(cacheDirectory, clip.getFileName().toString(), ".part");
            try {
                encode(partial);
                makeReadable(partial);
                Files.move(partial, clip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return clip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + clip, e);
        }
    }

    /** Temporary files are created owner-only; the clip is no secret. */
    private static void makeReadable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // keep the default permissions
        }
    }

    static String encoderDescription(Path target) {
        return "videotestsrc num-buffers=" + (FPS * SECONDS) + " pattern=smpte"
                + " ! video/x-raw,format=I420,width=" + WIDTH + ",height=" + HEIGHT + ",framerate=" + FPS + "/1"
                + " ! timeoverlay font-desc=" + LaunchDescriptions.quote("Sans 48")
                + " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=" + GOP_FRAMES
                + " option-string=scenecut=0 bitrate=" + BITRATE_KBPS
                + " ! video/x-h264,stream-format=byte-stream,alignment=au ! h264parse"
                + " ! filesink location=" + LaunchDescriptions.quote(target.toAbsolutePath().toString());
    }

    private static void encode(Path target) {
        GstRuntime.ensureInitialized();
        Pipeline pipeline = (Pipeline) Gst.parseLaunch(encoderDescription(target));
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<String> error = new AtomicReference<>();
        Bus.EOS onEos = source -> finished.countDown();
        Bus.ERROR onError = (source, code, message) -> {
            error.compareAndSet(null, message);
            finished.countDown();
        };
        Bus bus = pipeline.getBus();
        bus.connect(onEos);
        bus.connect(onError);
        try {
            pipeline.play();
            if (!finished.await(ENCODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("encoding the load clip took more than " + ENCODE_TIMEOUT_SECONDS + " s");
            }
            if (error.get() != null) {
                throw new IllegalStateException("encoding the load clip failed: " + error.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding the load clip", e);
        } finally {
            pipeline.setState(State.NULL);
            bus.disconnect(onEos);
            bus.disconnect(onError);
            pipeline.dispose();
        }
    }
}
