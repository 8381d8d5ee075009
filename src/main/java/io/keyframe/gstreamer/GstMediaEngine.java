package io.keyframe.gstreamer;

import io.keyframe.export.control.MediaEngine;
import io.keyframe.export.control.MediaJobException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link MediaEngine} with GStreamer: joins by stream copy through splitmuxsrc and mp4mux, and
 * transcodes H.265 to H.264 with avdec_h265 and x264enc, and takes JPEG snapshots of a file's
 * first frame ({@link MediaDescriptions}).
 */
@ApplicationScoped
public class GstMediaEngine implements MediaEngine {

    private static final AtomicLong JOBS = new AtomicLong();

    /**
     * The files are linked into {@code scratch} as {@code p000000.mp4}, {@code p000001.mp4} …:
     * splitmuxsrc takes its parts from a glob on file names in one directory, sorted by name.
     */
    @Override
    public void join(List<Path> files, String codec, boolean audio, Duration start, Duration stop, Path target,
                     Path scratch, Duration timeout) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        try {
            Path parts = Files.createDirectories(scratch.resolve("parts"));
            for (int i = 0; i < files.size(); i++) {
                Files.createSymbolicLink(parts.resolve(String.format("p%06d.mp4", i)), files.get(i).toAbsolutePath());
            }
            String description = MediaDescriptions.join(parts.resolve("p*.mp4"), codec, audio,
                    scratch.resolve("faststart.tmp"), target);
            PipelineJob.run("export-" + JOBS.incrementAndGet(), description,
                    new PipelineJob.Seek(MediaDescriptions.JOIN_SOURCE, start.toNanos(), stop == null ? -1 : stop.toNanos()),
                    timeout);
        } catch (IOException e) {
            throw new MediaJobException("cannot prepare the parts: " + e.getMessage(), e);
        }
        requireFile(target);
    }

    @Override
    public void transcodeToH264(Path source, boolean audio, Path target, Path scratch, Duration timeout) {
        String description = MediaDescriptions.h264Rendition(source, audio, scratch.resolve("faststart.tmp"), target);
        PipelineJob.run("rendition-" + JOBS.incrementAndGet(), description, null, timeout);
        requireFile(target);
    }

    @Override
    public void snapshot(Path source, String codec, int width, Path target, Duration timeout) {
        String description;
        try {
            description = MediaDescriptions.thumbnail(source, codec, width, target);
        } catch (IllegalArgumentException e) {
            throw new MediaJobException(e.getMessage(), e);
        }
        PipelineJob.run("thumbnail-" + JOBS.incrementAndGet(), description, null, timeout);
        requireFile(target);
    }

    private static void requireFile(Path target) {
        try {
            if (!Files.isRegularFile(target) || Files.size(target) == 0) {
                throw new MediaJobException("no output in " + target);
            }
        } catch (IOException e) {
            throw new MediaJobException("cannot read " + target, e);
        }
    }
}
