package io.keyframe.recording.control;

import io.keyframe.camera.entity.RecordingMode;

/**
 * Whether a stream should record now, and who wants it: a pure function of the camera's mode,
 * whether an {@code off} camera accepts events, the stream's manual override, whether the camera's
 * schedule is on (the schedule answers that for an {@code Instant}, DST included) and whether an
 * event window ({@code [start − pre-roll, end + post-roll]}) covers now.
 *
 * <p>{@code events} cameras record all the time into short segments (the pre-event buffer) and
 * retention drops what no event claims; {@code scheduled} cameras record inside the schedule and
 * for events outside it (with pre-roll only where the pipeline already ran); {@code off} cameras
 * record for events only when they accept them. A manual override wins over everything.
 */
public final class RecordingDecision {

    private RecordingDecision() {
    }

    /** Who wants the stream on (or that nobody does); the wire name is lower case. */
    public enum WantedBy {
        MANUAL, CONTINUOUS, SCHEDULE, EVENT, BUFFER, NONE;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /** The verdict. */
    public record Decision(boolean record, WantedBy wantedBy) {
        /** The reason a session is stopped for when this decision says off. */
        public String stopReason() {
            return wantedBy == WantedBy.MANUAL ? "stop requested" : "no event";
        }
    }

    /** A stream's manual override: none, or the start/stop routes' choice. */
    public enum Override {
        NONE, ON, OFF;

        public static Override parse(String value) {
            return value == null ? NONE : "on".equals(value) ? ON : OFF;
        }
    }

    public static Decision decide(RecordingMode mode, boolean acceptsEvents, Override override, boolean scheduleOn,
                                  boolean eventWindow) {
        if (override == Override.ON) {
            return new Decision(true, WantedBy.MANUAL);
        }
        if (override == Override.OFF) {
            return new Decision(false, WantedBy.MANUAL);
        }
        return switch (mode) {
            case CONTINUOUS -> new Decision(true, WantedBy.CONTINUOUS);
            case EVENTS -> new Decision(true, eventWindow ? WantedBy.EVENT : WantedBy.BUFFER);
            case SCHEDULED -> scheduleOn ? new Decision(true, WantedBy.SCHEDULE)
                    : eventWindow ? new Decision(true, WantedBy.EVENT) : new Decision(false, WantedBy.NONE);
            case OFF -> acceptsEvents && eventWindow ? new Decision(true, WantedBy.EVENT) : new Decision(false, WantedBy.NONE);
        };
    }
}
