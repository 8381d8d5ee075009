package io.keyframe.retention.control;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Placing a legal hold on a time range, with its rules, for {@code POST /cameras/{id}/holds} and
 * the Storage page alike: the range is not empty, the reason is not too long, and the camera is
 * configured or has footage (footage outlives its camera).
 */
@ApplicationScoped
public class LegalHolds {

    /** Longest reason, in characters. */
    public static final int MAX_REASON = 500;

    @Inject
    HoldStore holds;

    @Inject
    RetentionStore store;

    /**
     * Holds the footage of {@code camera} (of one stream, or all with {@code stream} null) in
     * {@code [from, to)}, including footage recorded into it later.
     *
     * @throws ApiException 400 for an empty range or a long reason, 404 for a camera without
     *                      configuration and footage
     */
    public HoldStore.Hold holdRange(CameraId camera, StreamId stream, Instant from, Instant to, String reason,
                                    String actor) {
        if (from == null || to == null) {
            throw ApiException.badRequest("from and to are required, as ISO-8601 UTC times such as 2026-11-24T18:10:00Z");
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from must be before to");
        }
        checkReason(reason);
        if (!store.knows(camera.value())) {
            throw ApiException.notFound("no camera " + camera + " and no footage of it");
        }
        return holds.holdRange(camera.value(), stream == null ? null : stream.value(), from, to, reason, actor);
    }

    /** @throws ApiException 400 for a reason over {@link #MAX_REASON} characters */
    public static void checkReason(String reason) {
        if (reason != null && reason.length() > MAX_REASON) {
            throw ApiException.badRequest("reason is at most " + MAX_REASON + " characters");
        }
    }
}
