package io.keyframe.retention.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The retention settings one run applies. Days are whole days of 24 hours; a map entry is an
 * override at its level, and a missing entry or a {@code null} value means no override there.
 *
 * @param defaultDays          {@code storage.cleanup.max_retention_days}; 0 keeps footage forever by age
 *                             unless a camera, stream or event type says otherwise
 * @param cameraDays           camera_id → {@code camera.retention_days}
 * @param streamDays           (camera_id, stream_id) → {@code stream.retention_days}
 * @param eventTypeDays        event_type → days (e.g. motion → 90); {@value #CONTINUOUS} is the default type
 * @param maxDiskUsagePercent  disk cleanup starts above this share of the filesystem, e.g. 80.0
 * @param hysteresisPercent    and then goes down to {@code maxDiskUsagePercent − hysteresisPercent}, e.g. 2.0
 * @param maxShareAtOnce       safety stop: age deletions may free at most this share of all footage in
 *                             one run, e.g. 0.5; 1.0 or more turns the stop off
 */
public record RetentionRules(int defaultDays, Map<String, Integer> cameraDays, Map<StreamKey, Integer> streamDays,
                             Map<String, Integer> eventTypeDays, double maxDiskUsagePercent,
                             double hysteresisPercent, double maxShareAtOnce) {

    /** The event type of footage recorded all the time, and of a candidate without one. */
    public static final String CONTINUOUS = "continuous";

    /** A stream of a camera. */
    public record StreamKey(String cameraId, String streamId) {
        public StreamKey {
            Objects.requireNonNull(cameraId, "cameraId");
            Objects.requireNonNull(streamId, "streamId");
        }
    }

    public RetentionRules {
        if (defaultDays < 0) {
            throw new IllegalArgumentException("defaultDays must not be negative, got " + defaultDays);
        }
        cameraDays = days("cameraDays", cameraDays);
        streamDays = days("streamDays", streamDays);
        eventTypeDays = days("eventTypeDays", eventTypeDays);
        if (!(maxDiskUsagePercent > 0 && maxDiskUsagePercent <= 100)) {
            throw new IllegalArgumentException("maxDiskUsagePercent must be in (0, 100], got " + maxDiskUsagePercent);
        }
        if (!(hysteresisPercent >= 0 && hysteresisPercent < maxDiskUsagePercent)) {
            throw new IllegalArgumentException("hysteresisPercent must be in [0, maxDiskUsagePercent), got "
                    + hysteresisPercent);
        }
        if (!(maxShareAtOnce > 0)) {
            throw new IllegalArgumentException("maxShareAtOnce must be positive, got " + maxShareAtOnce);
        }
    }

    /**
     * Days kept for this segment: the event type's override if there is one (event footage may be
     * kept longer or shorter), else the stream's, else the camera's, else the default; 0 keeps it
     * forever by age.
     */
    public int daysFor(RetentionCandidate c) {
        Integer days = eventTypeDays.get(c.eventType() == null ? CONTINUOUS : c.eventType());
        if (days == null && c.streamId() != null) {
            days = streamDays.get(new StreamKey(c.cameraId(), c.streamId()));
        }
        if (days == null) {
            days = cameraDays.get(c.cameraId());
        }
        return days == null ? defaultDays : days;
    }

    /** The disk usage, in percent, a triggered disk cleanup goes down to. */
    public double diskTargetPercent() {
        return maxDiskUsagePercent - hysteresisPercent;
    }

    /** An immutable copy without the null values; rejects null keys and negative days. */
    private static <K> Map<K, Integer> days(String field, Map<K, Integer> map) {
        if (map == null) {
            return Map.of();
        }
        Map<K, Integer> copy = new HashMap<>();
        map.forEach((key, days) -> {
            if (key == null) {
                throw new IllegalArgumentException(field + " must not have a null key");
            }
            if (days != null && days < 0) {
                throw new IllegalArgumentException(field + "[" + key + "] must not be negative, got " + days);
            }
            if (days != null) {
                copy.put(key, days);
            }
        });
        return Map.copyOf(copy);
    }
}
