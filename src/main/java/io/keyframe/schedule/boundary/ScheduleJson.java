package io.keyframe.schedule.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.JsonInput;
import io.keyframe.schedule.control.ScheduleStore.CameraSchedule;
import io.keyframe.schedule.entity.Minutes;
import io.keyframe.schedule.entity.Schedule;
import io.keyframe.schedule.entity.ScheduleException;
import io.keyframe.schedule.entity.WeeklyRange;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The schedule JSON: {@code time_zone}, {@code weekly} ranges by weekday name and dated
 * {@code exceptions}, times as {@code HH:MM} ({@code 24:00} as an end only). Replies add the camera,
 * its recording mode, whether the schedule records now and its next changes.
 */
final class ScheduleJson {

    static final int MAX_RANGES_PER_DAY = 48;
    static final int MAX_EXCEPTIONS = 366;
    static final int NEXT_CHANGES = 4;
    private static final int MAX_NOTE = 200;
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);

    private ScheduleJson() {
    }

    /** A whole schedule from a PUT body; a {@code camera_id} in it must be the one of the path. */
    static Schedule parse(JsonObject json, CameraId pathId) {
        String bodyId = JsonInput.string(json, "camera_id", "");
        if (bodyId != null && !bodyId.equals(pathId.value())) {
            throw ApiException.badRequest("camera_id in the body differs from the one in the path");
        }
        String zone = JsonInput.string(json, "time_zone", "");
        if (zone == null) {
            throw ApiException.badRequest("time_zone is required, such as Europe/Berlin or UTC");
        }
        return new Schedule(Schedule.zone("time_zone", zone), weekly(json.get("weekly")),
                exceptions(JsonInput.array(json, "exceptions", "")));
    }

    private static List<WeeklyRange> weekly(JsonValue value) {
        List<WeeklyRange> ranges = new ArrayList<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return ranges;
        }
        JsonObject days = JsonInput.object(value, "weekly");
        for (Map.Entry<String, JsonValue> entry : days.entrySet()) {
            DayOfWeek day = Arrays.stream(DayOfWeek.values())
                    .filter(d -> WeeklyRange.dayName(d).equals(entry.getKey())).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("weekly: unknown weekday '" + entry.getKey()
                            + "'; use monday, tuesday, wednesday, thursday, friday, saturday or sunday"));
            String field = "weekly." + entry.getKey();
            JsonArray list = JsonInput.array(days, entry.getKey(), "weekly.");
            if (list == null) {
                continue;
            }
            if (list.size() > MAX_RANGES_PER_DAY) {
                throw ApiException.badRequest(field + " has " + list.size() + " ranges; at most "
                        + MAX_RANGES_PER_DAY + " per day");
            }
            for (int i = 0; i < list.size(); i++) {
                String prefix = field + "[" + i + "]";
                JsonObject range = JsonInput.object(list.get(i), prefix);
                int start = Minutes.parse(prefix + ".start", JsonInput.string(range, "start", prefix + "."), false);
                int end = Minutes.parse(prefix + ".end", JsonInput.string(range, "end", prefix + "."), true);
                ranges.add(new WeeklyRange(day, start, end));
            }
        }
        return ranges;
    }

    private static List<ScheduleException> exceptions(JsonArray list) {
        List<ScheduleException> exceptions = new ArrayList<>();
        if (list == null) {
            return exceptions;
        }
        if (list.size() > MAX_EXCEPTIONS) {
            throw ApiException.badRequest("exceptions has " + list.size() + " entries; at most " + MAX_EXCEPTIONS);
        }
        for (int i = 0; i < list.size(); i++) {
            String prefix = "exceptions[" + i + "]";
            JsonObject json = JsonInput.object(list.get(i), prefix);
            LocalDate day = date(prefix + ".date", JsonInput.string(json, "date", prefix + "."));
            Boolean recording = JsonInput.bool(json, "recording", prefix + ".");
            if (recording == null) {
                throw ApiException.badRequest(prefix + ".recording is required: true or false");
            }
            String start = JsonInput.string(json, "start", prefix + ".");
            String end = JsonInput.string(json, "end", prefix + ".");
            if ((start == null) != (end == null)) {
                throw ApiException.badRequest(prefix + ": give both start and end, or neither for the whole day");
            }
            String note = JsonInput.string(json, "note", prefix + ".");
            if (note != null && note.length() > MAX_NOTE) {
                throw ApiException.badRequest(prefix + ".note is at most " + MAX_NOTE + " characters");
            }
            exceptions.add(start == null ? ScheduleException.wholeDay(day, recording, note)
                    : new ScheduleException(day, recording, Minutes.parse(prefix + ".start", start, false),
                            Minutes.parse(prefix + ".end", end, true), note));
        }
        return exceptions;
    }

    private static LocalDate date(String field, String value) {
        if (value != null && DATE.matcher(value).matches()) {
            try {
                LocalDate day = LocalDate.parse(value);
                if (!day.isBefore(FIRST_DAY)) {
                    return day;
                }
            } catch (DateTimeException e) {
                // falls through to the error
            }
        }
        throw ApiException.badRequest(field + " must be a date YYYY-MM-DD from 1970-01-01 on, such as 2026-12-25; got "
                + (value == null ? "nothing" : "'" + value + "'"));
    }

    /** The reply of GET and PUT, with the state at {@code now} and the next changes after it. */
    static JsonObject render(CameraSchedule stored, Instant now) {
        Schedule schedule = stored.schedule();
        JsonObjectBuilder weekly = Json.createObjectBuilder();
        for (DayOfWeek day : DayOfWeek.values()) {
            JsonArrayBuilder ranges = Json.createArrayBuilder();
            schedule.weekly(day).forEach(r -> ranges.add(range(r.startMinute(), r.endMinute())));
            weekly.add(WeeklyRange.dayName(day), ranges);
        }
        JsonArrayBuilder exceptions = Json.createArrayBuilder();
        for (ScheduleException e : schedule.exceptions()) {
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("date", e.day().toString())
                    .add("recording", e.recording());
            if (e.wholeDay()) {
                json.addNull("start").addNull("end");
            } else {
                json.add("start", Minutes.format(e.startMinute())).add("end", Minutes.format(e.endMinute()));
            }
            if (e.note() == null) {
                json.addNull("note");
            } else {
                json.add("note", e.note());
            }
            exceptions.add(json);
        }
        JsonArrayBuilder changes = Json.createArrayBuilder();
        schedule.nextChanges(now, NEXT_CHANGES).forEach(c -> changes.add(Json.createObjectBuilder()
                .add("at", c.at().toString())
                .add("recording", c.recording())));
        return Json.createObjectBuilder()
                .add("camera_id", stored.cameraId())
                .add("recording_mode", stored.recordingMode())
                .add("time_zone", schedule.zone().getId())
                .add("weekly", weekly)
                .add("exceptions", exceptions)
                .add("on_now", schedule.isOn(now))
                .add("next_changes", changes)
                .build();
    }

    private static JsonObject range(int start, int end) {
        return Json.createObjectBuilder().add("start", Minutes.format(start)).add("end", Minutes.format(end)).build();
    }
}
