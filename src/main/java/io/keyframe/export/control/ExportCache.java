package io.keyframe.export.control;

import io.keyframe.export.entity.ExportSegment;
import io.keyframe.platform.config.InvalidConfigurationException;
import io.keyframe.platform.config.KeyframeSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finished exports under {@code {recording root}/.keyframe/exports/{key}.mp4}, so that a player can
 * ask for ranges of the same export again (a browser seeks with one Range request per jump) without
 * a rebuild. The key is a hash of everything the file depends on: stream, cut points and each
 * joined segment's id, path and size; new footage in the range makes a new key. Entries unused for
 * {@code playback.export_cache_idle_minutes} (default 15) are deleted, and the least recently used
 * go first when the cache exceeds {@code playback.export_cache_mb} (default 4096). The cache is
 * emptied at start-up. A file deleted while it is being sent is still sent whole (the response holds
 * an open channel).
 */
@ApplicationScoped
public class ExportCache {

    public static final String IDLE_MINUTES = "playback.export_cache_idle_minutes";
    public static final String MAX_MB = "playback.export_cache_mb";
    private static final Logger LOG = Logger.getLogger(ExportCache.class.getName());

    @Inject
    KeyframeSettings settings;

    @Inject
    Exporter exporter;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = IDLE_MINUTES, defaultValue = "15")
    int idleMinutes;

    @Inject
    @ConfigProperty(name = MAX_MB, defaultValue = "4096")
    long maxMegabytes;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweeper;
    private final Map<String, Object> building = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

    /** A cached export file. {@code key} is a stable hex digest, usable as an ETag. */
    public record Entry(String key, Path file) {
    }

    @PostConstruct
    void init() {
        if (idleMinutes < 1 || idleMinutes > 24 * 60) {
            throw new InvalidConfigurationException(IDLE_MINUTES, "must be a whole number from 1 to 1440, got " + idleMinutes);
        }
        if (maxMegabytes < 1) {
            throw new InvalidConfigurationException(MAX_MB, "must be a positive whole number, got " + maxMegabytes);
        }
    }

    /** Empties what a previous run left and sweeps idle entries every minute from now on. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Path dir = directory();
        if (Files.isDirectory(dir)) {
            ScratchSpace.deleteTree(dir);
            LOG.fine(() -> "emptied the export cache " + dir);
        }
        sweeper = scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
    }

    private void sweep() {
        try {
            evict();
        } catch (RuntimeException e) {
            LOG.warning("export cache sweep failed: " + e);
        }
    }

    /** {@code {recording root}/.keyframe/exports}. */
    public Path directory() {
        return settings.recordingRoot().resolve(".keyframe").resolve("exports");
    }

    /**
     * The export of {@code plan}, from the cache or built now. Concurrent requests for the same
     * export wait for one build.
     */
    public Entry get(String cameraId, String streamId, ExportPlan plan, String logName) {
        String key = key(cameraId, streamId, plan);
        Path file = directory().resolve(key + ".mp4");
        Object lock = building.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (lock) {
                if (!Files.isRegularFile(file)) {
                    Exporter.ExportFile built = exporter.build(plan, logName);
                    try {
                        Files.createDirectories(file.getParent());
                        move(built.file(), file);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot store export " + logName + " in " + directory(), e);
                    } finally {
                        built.delete();
                    }
                }
                lastUsed.put(key, clock.instant());
            }
        } finally {
            building.remove(key, lock);
        }
        evict();
        return new Entry(key, file);
    }

    /** Deletes idle entries, then the least recently used ones while the cache is over its size. */
    public void evict() {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            return;
        }
        Instant idleBefore = clock.instant().minus(Duration.ofMinutes(idleMinutes));
        List<Path> kept = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String key = file.getFileName().toString().replaceFirst("\\.mp4$", "");
                if (building.containsKey(key)) {
                    continue;
                }
                Instant used = lastUsed.get(key);
                if (used == null || used.isBefore(idleBefore)) {
                    delete(key, file);
                } else {
                    kept.add(file);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warning("cannot list the export cache " + dir + ": " + e.getMessage());
            return;
        }
        long total = kept.stream().mapToLong(ExportCache::size).sum();
        long max = maxMegabytes * 1024 * 1024;
        kept.sort(Comparator.comparing(f -> lastUsed.getOrDefault(keyOf(f), Instant.MIN)));
        for (Path file : kept) {
            if (total <= max) {
                break;
            }
            total -= size(file);
            delete(keyOf(file), file);
        }
    }

    private void delete(String key, Path file) {
        try {
            Files.deleteIfExists(file);
            lastUsed.remove(key);
        } catch (IOException e) {
            LOG.warning("cannot delete cached export " + file + ": " + e.getMessage());
        }
    }

    /** SHA-256 over what the export's bytes depend on (a format version included). */
    static String key(String cameraId, String streamId, ExportPlan plan) {
        StringBuilder text = new StringBuilder("export-v1|").append(cameraId).append('|').append(streamId)
                .append('|').append(plan.start().toNanos()).append('|')
                .append(plan.stop() == null ? "end" : Long.toString(plan.stop().toNanos())).append('|').append(plan.audio());
        for (ExportSegment part : plan.parts()) {
            text.append('|').append(part.id()).append(':').append(part.filePath()).append(':').append(part.duration().toNanos());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String keyOf(Path file) {
        return file.getFileName().toString().replaceFirst("\\.mp4$", "");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
