package io.keyframe.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/**
 * The global settings, read once from MicroProfile Config and validated. Per-camera values in the
 * database override the retention defaults.
 *
 * @param recordingRoot       {@code recording.root}: where segments are written
 * @param segmentDuration     {@code recording.segment_duration_secs}: target length of one MP4 file
 * @param stallTimeout        {@code recording.stall_timeout_secs}: no data for this long means reconnect
 * @param cleanup             {@code storage.cleanup.*}: the retention policy
 */
public record KeyframeSettings(Path recordingRoot, Duration segmentDuration, Duration stallTimeout, Cleanup cleanup) {

    public static final String RECORDING_ROOT = "recording.root";
    public static final String SEGMENT_DURATION = "recording.segment_duration_secs";
    public static final String STALL_TIMEOUT = "recording.stall_timeout_secs";
    public static final String CLEANUP_ENABLED = "storage.cleanup.enabled";
    public static final String MAX_RETENTION_DAYS = "storage.cleanup.max_retention_days";
    public static final String MAX_DISK_USAGE_PERCENT = "storage.cleanup.max_disk_usage_percent";
    public static final String CHECK_INTERVAL = "storage.cleanup.check_interval_secs";
    public static final String HYSTERESIS_PERCENT = "storage.cleanup.hysteresis_percent";
    public static final String SAFETY_MAX_SHARE_PERCENT = "storage.cleanup.safety_max_share_percent";
    public static final String MAX_DELETIONS_PER_RUN = "storage.cleanup.max_deletions_per_run";
    public static final String EVENT_RETENTION_DAYS = "storage.cleanup.event_retention_days";

    /**
     * {@code [storage.cleanup]} of the spec, plus: {@code hysteresis_percent} (disk cleanup goes down
     * to the threshold minus this, default 2), {@code safety_max_share_percent} (a run that would
     * delete more than this share of all footage by age stops and raises an alert; default 50, 100
     * turns the stop off), {@code max_deletions_per_run} (default 100000; the next run goes on) and
     * the table {@code [storage.cleanup.event_retention_days]} ({@code motion = 90}: days kept for
     * footage of that event type, overriding camera and stream).
     */
    public record Cleanup(boolean enabled, int maxRetentionDays, int maxDiskUsagePercent, Duration checkInterval,
                          int hysteresisPercent, int safetyMaxSharePercent, int maxDeletionsPerRun,
                          Map<String, Integer> eventRetentionDays) {
        public Cleanup {
            eventRetentionDays = Map.copyOf(eventRetentionDays);
        }

        public Cleanup(boolean enabled, int maxRetentionDays, int maxDiskUsagePercent, Duration checkInterval) {
            this(enabled, maxRetentionDays, maxDiskUsagePercent, checkInterval, 2, 50, 100_000, Map.of());
        }
    }

    /** Reads and validates every key; the first bad one stops start-up with its name. */
    public static KeyframeSettings from(Config config) {
        String root = string(config, RECORDING_ROOT, "/recordings");
        if (root.isBlank()) {
            throw new InvalidConfigurationException(RECORDING_ROOT, "must name a directory");
        }
        Path rootPath = Path.of(root).toAbsolutePath().normalize();
        long segmentSecs = whole(config, SEGMENT_DURATION, 180, 2, 3600);
        long stallSecs = whole(config, STALL_TIMEOUT, 10, 2, 600);
        boolean enabled = bool(config, CLEANUP_ENABLED, true);
        long retentionDays = whole(config, MAX_RETENTION_DAYS, 30, 0, 36500);
        long diskPercent = whole(config, MAX_DISK_USAGE_PERCENT, 80, 1, 99);
        long intervalSecs = whole(config, CHECK_INTERVAL, 3600, 10, 7 * 24 * 3600);
        long hysteresis = whole(config, HYSTERESIS_PERCENT, 2, 0, diskPercent - 1);
        long share = whole(config, SAFETY_MAX_SHARE_PERCENT, 50, 1, 100);
        long perRun = whole(config, MAX_DELETIONS_PER_RUN, 100_000, 100, 10_000_000);
        Map<String, Integer> eventDays = new TreeMap<>();
        for (String key : config.getPropertyNames()) {
            if (key.startsWith(EVENT_RETENTION_DAYS + ".")) {
                String type = key.substring(EVENT_RETENTION_DAYS.length() + 1);
                if (!type.matches("[a-z][a-z0-9_-]{0,31}")) {
                    throw new InvalidConfigurationException(key, "names an event type, which is a short lower-case word");
                }
                eventDays.put(type, (int) whole(config, key, 0, 0, 36500));
            }
        }
        return new KeyframeSettings(rootPath, Duration.ofSeconds(segmentSecs), Duration.ofSeconds(stallSecs),
                new Cleanup(enabled, (int) retentionDays, (int) diskPercent, Duration.ofSeconds(intervalSecs),
                        (int) hysteresis, (int) share, (int) perRun, eventDays));
    }

    private static String string(Config config, String key, String fallback) {
        return ConfigValues.optional(config, key).orElse(fallback);
    }

    private static long whole(Config config, String key, long fallback, long min, long max) {
        return ConfigValues.whole(config, key, fallback, min, max);
    }

    private static boolean bool(Config config, String key, boolean fallback) {
        return ConfigValues.bool(config, key, fallback);
    }
}
