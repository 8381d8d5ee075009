package io.keyframe.retention.control;

/** Why a segment is deleted; {@link #wireName()} is the value in {@code cleanup_audit.reason} and JSON. */
public enum DeletionReason {
    /** Older than the days its camera, stream or event type keeps. */
    RETENTION_AGE("retention_age"),
    /** The recording filesystem was fuller than the limit; the oldest footage went first. */
    DISK_USAGE("disk_usage"),
    /** An operator's prune request. */
    MANUAL("manual");

    private final String wireName;

    DeletionReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The reason with this wire name, e.g. read back from the audit table. */
    public static DeletionReason fromWireName(String wireName) {
        for (DeletionReason reason : values()) {
            if (reason.wireName.equals(wireName)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown deletion reason: " + wireName);
    }
}
