package io.keyframe.recording.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyframe.camera.entity.RecordingMode;
import io.keyframe.recording.control.RecordingDecision.Decision;
import io.keyframe.recording.control.RecordingDecision.Override;
import io.keyframe.recording.control.RecordingDecision.WantedBy;
import org.junit.jupiter.api.Test;

class RecordingDecisionTest {

    private static Decision decide(RecordingMode mode, boolean accepts, Override override, boolean schedule, boolean event) {
        return RecordingDecision.decide(mode, accepts, override, schedule, event);
    }

    @Test
    void continuousRecordsWhateverScheduleAndEventsSay() {
        assertEquals(new Decision(true, WantedBy.CONTINUOUS), decide(RecordingMode.CONTINUOUS, false, Override.NONE, false, false));
        assertEquals(new Decision(true, WantedBy.CONTINUOUS), decide(RecordingMode.CONTINUOUS, false, Override.NONE, true, true));
    }

    @Test
    void eventsCamerasKeepThePreEventBufferRunning() {
        assertEquals(new Decision(true, WantedBy.BUFFER), decide(RecordingMode.EVENTS, false, Override.NONE, false, false));
        assertEquals(new Decision(true, WantedBy.EVENT), decide(RecordingMode.EVENTS, false, Override.NONE, false, true));
    }

    @Test
    void scheduledCamerasRecordInTheirWindowAndForEventsOutsideIt() {
        assertEquals(new Decision(true, WantedBy.SCHEDULE), decide(RecordingMode.SCHEDULED, false, Override.NONE, true, false));
        assertEquals(new Decision(true, WantedBy.SCHEDULE), decide(RecordingMode.SCHEDULED, false, Override.NONE, true, true));
        assertEquals(new Decision(true, WantedBy.EVENT), decide(RecordingMode.SCHEDULED, false, Override.NONE, false, true));
        assertEquals(new Decision(false, WantedBy.NONE), decide(RecordingMode.SCHEDULED, false, Override.NONE, false, false));
    }

    @Test
    void offCamerasRecordForEventsOnlyWhenTheyAcceptThem() {
        assertEquals(new Decision(false, WantedBy.NONE), decide(RecordingMode.OFF, false, Override.NONE, true, true));
        assertEquals(new Decision(true, WantedBy.EVENT), decide(RecordingMode.OFF, true, Override.NONE, false, true));
        assertEquals(new Decision(false, WantedBy.NONE), decide(RecordingMode.OFF, true, Override.NONE, false, false));
    }

    @Test
    void theManualOverrideWinsInEveryMode() {
        for (RecordingMode mode : RecordingMode.values()) {
            assertEquals(new Decision(true, WantedBy.MANUAL), decide(mode, false, Override.ON, false, false), mode.wire());
            assertEquals(new Decision(false, WantedBy.MANUAL), decide(mode, true, Override.OFF, true, true), mode.wire());
        }
        assertEquals(Override.ON, Override.parse("on"));
        assertEquals(Override.OFF, Override.parse("off"));
        assertEquals(Override.NONE, Override.parse(null));
    }
}
