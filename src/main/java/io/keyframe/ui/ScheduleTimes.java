package io.keyframe.ui;

import io.keyframe.schedule.entity.Schedule;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Time zones and schedule changes as the Schedules page shows them: in the server's time zone. */
final class ScheduleTimes {

    /** The zones a schedule may use (the tz database's), sorted. */
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> (id.contains("/") && !id.startsWith("SystemV/")) || id.equals("UTC")).sorted().toList();

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    private ScheduleTimes() {
    }

    /**
     * A switch of the schedule: when (server time zone), the same moment on the schedule's own wall
     * clock, and whether recording goes on or off.
     */
    public record Change(String at, String local, boolean recording) implements Serializable {
        public String getAt() {
            return at;
        }

        public String getLocal() {
            return local;
        }

        public boolean isRecording() {
            return recording;
        }
    }

    static List<Change> changes(Schedule schedule, Instant now, int count) {
        ZoneId server = ZoneId.systemDefault();
        return schedule.nextChanges(now, count).stream()
                .map(c -> new Change(WHEN.format(c.at().atZone(server)), LOCAL.format(c.at().atZone(schedule.zone())),
                        c.recording()))
                .toList();
    }
}
