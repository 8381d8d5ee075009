package io.keyframe.export.entity;

import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.Requests;
import java.time.Duration;
import java.time.Instant;

/**
 * The wall-clock range of an export, validated once: both ends given, {@code from} before
 * {@code to}, at most {@link #LONGEST} apart.
 */
public record ExportRange(Instant from, Instant to) {

    /** The longest range one export may cover. */
    public static final Duration LONGEST = Duration.ofHours(24);

    public ExportRange {
        if (from == null || to == null) {
            throw ApiException.badRequest("from and to are required, as ISO-8601 UTC times such as 2026-11-24T18:10:00Z");
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from must be before to");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw ApiException.badRequest("an export covers at most 24 hours");
        }
    }

    /** Parses the query parameters {@code from} and {@code to}. */
    public static ExportRange parse(String from, String to) {
        return new ExportRange(Requests.instant("from", from, null), Requests.instant("to", to, null));
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
