package io.keyframe.camera.entity;

import java.io.Serializable;

/**
 * The answer of a "test connection": either a {@link ProbeResult} or a reason and a message safe to
 * show (no credentials).
 *
 * @param reason  {@code null} on success, else e.g. {@code unauthorized}, {@code unreachable}, {@code timeout}
 * @param elapsedMillis how long the probe took
 */
public record ProbeOutcome(ProbeResult result, String reason, String error, long elapsedMillis) implements Serializable {

    public static ProbeOutcome ok(ProbeResult result, long elapsedMillis) {
        return new ProbeOutcome(result, null, null, elapsedMillis);
    }

    public static ProbeOutcome failed(String reason, String error, long elapsedMillis) {
        return new ProbeOutcome(null, reason, error, elapsedMillis);
    }

    public boolean ok() {
        return result != null;
    }
}
