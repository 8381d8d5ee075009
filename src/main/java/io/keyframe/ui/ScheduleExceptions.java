package io.keyframe.ui;

import io.keyframe.platform.rest.ApiException;
import io.keyframe.schedule.entity.Minutes;
import io.keyframe.schedule.entity.Schedule;
import io.keyframe.schedule.entity.ScheduleException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.primefaces.model.datepicker.DefaultDateMetadata;
import org.primefaces.model.datepicker.DefaultDateMetadataModel;

/**
 * The dated exceptions being edited on the Schedules page, and the small form that adds them: a
 * date, or a first and a last date, record or not, the whole day or one time range, a note. Nothing is
 * stored until the page saves the whole schedule.
 */
public class ScheduleExceptions implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int MAX_EXCEPTIONS = 366;
    private static final int MAX_NOTE = 200;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    /** Client ids of the form's fields (see schedules.xhtml), for messages next to them. */
    static final String DATES_FIELD = "schedule:excDates";
    static final String UNTIL_FIELD = "schedule:excUntil";
    static final String TIMES_FIELD = "schedule:excTimes";
    static final String NOTE_FIELD = "schedule:excNote";

    /** One exception as the table lists it. */
    public record Row(LocalDate day, boolean recording, Integer start, Integer end, String note) implements Serializable {
        public String getDate() {
            return DAY.format(day);
        }

        public String getWhen() {
            return start == null ? "whole day" : Minutes.format(start) + "-" + Minutes.format(end);
        }

        public boolean isRecording() {
            return recording;
        }

        public String getRecordingLabel() {
            return recording ? "record" : "don't record";
        }

        public String getNote() {
            return note;
        }

        public String getKey() {
            return day + "_" + (start == null ? "day" : start);
        }

        ScheduleException model() {
            return new ScheduleException(day, recording, start, end, note);
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final DefaultDateMetadataModel calendar = new DefaultDateMetadataModel();
    private LocalDate date;
    private LocalDate until;
    private boolean recording;
    private String times;
    private String note;

    void replaceAll(List<ScheduleException> exceptions) {
        rows.clear();
        exceptions.forEach(e -> rows.add(new Row(e.day(), e.recording(), e.startMinute(), e.endMinute(), e.note())));
        clearForm();
        refreshCalendar();
    }

    List<ScheduleException> toModel() {
        return rows.stream().map(Row::model).toList();
    }

    /** Adds one exception per date of the picked range, after checking the form; messages go next to the fields. */
    public void add() {
        FacesContext faces = FacesContext.getCurrentInstance();
        List<LocalDate> picked = days(faces);
        Integer start = null;
        Integer end = null;
        if (times != null && !times.isBlank()) {
            try {
                List<DayRanges.Range> ranges = DayRanges.parse(times);
                if (ranges.size() != 1) {
                    throw new IllegalArgumentException("give one range, such as 08:00-12:00, or leave it empty for the whole day");
                }
                start = ranges.get(0).start();
                end = ranges.get(0).end();
            } catch (IllegalArgumentException e) {
                error(faces, TIMES_FIELD, e.getMessage());
            }
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && (text.length() > MAX_NOTE || text.chars().anyMatch(Character::isISOControl))) {
            error(faces, NOTE_FIELD, "at most " + MAX_NOTE + " characters on one line");
        }
        if (faces.isValidationFailed() || picked.isEmpty()) {
            return;
        }
        List<Row> added = new ArrayList<>(rows);
        for (LocalDate day : picked) {
            added.add(new Row(day, recording, start, end, text));
        }
        if (added.size() > MAX_EXCEPTIONS) {
            error(faces, DATES_FIELD, "a schedule has at most " + MAX_EXCEPTIONS + " exceptions");
            return;
        }
        try {
            // the model's own check: one whole-day exception per date, or ranges that do not overlap
            new Schedule(ZoneOffset.UTC, List.of(), added.stream().map(Row::model).toList());
        } catch (ApiException e) {
            error(faces, DATES_FIELD, "overlaps an exception in the list: remove that one first");
            return;
        }
        added.sort(Comparator.comparing(Row::day).thenComparing(r -> r.start() == null ? -1 : r.start()));
        rows.clear();
        rows.addAll(added);
        clearForm();
        refreshCalendar();
    }

    public void remove(Row row) {
        rows.remove(row);
        refreshCalendar();
    }

    private List<LocalDate> days(FacesContext faces) {
        if (date == null) {
            error(faces, DATES_FIELD, "pick a date");
            return List.of();
        }
        if (date.getYear() < 1970) {
            error(faces, DATES_FIELD, "dates from 1970 on");
            return List.of();
        }
        LocalDate last = until == null ? date : until;
        if (last.isBefore(date)) {
            error(faces, UNTIL_FIELD, "the last date must not be before the first");
            return List.of();
        }
        if (ChronoUnit.DAYS.between(date, last) >= MAX_EXCEPTIONS) {
            error(faces, UNTIL_FIELD, "a range of at most " + MAX_EXCEPTIONS + " days");
            return List.of();
        }
        return date.datesUntil(last.plusDays(1)).toList();
    }

    private static void error(FacesContext faces, String clientId, String message) {
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message));
        faces.validationFailed();
    }

    private void clearForm() {
        date = null;
        until = null;
        times = null;
        note = null;
        recording = false;
    }

    private void refreshCalendar() {
        calendar.clear();
        for (Row row : rows) {
            calendar.add(row.day(), DefaultDateMetadata.builder()
                    .styleClass(row.recording() ? "kf-exc-on" : "kf-exc-off").build());
        }
    }

    public List<Row> getRows() {
        return rows;
    }

    public DefaultDateMetadataModel getCalendar() {
        return calendar;
    }

    public LocalDate getDate() {
        return date;
    }

    public void setDate(LocalDate date) {
        this.date = date;
    }

    public LocalDate getUntil() {
        return until;
    }

    public void setUntil(LocalDate until) {
        this.until = until;
    }

    public boolean isRecording() {
        return recording;
    }

    public void setRecording(boolean recording) {
        this.recording = recording;
    }

    public String getTimes() {
        return times;
    }

    public void setTimes(String times) {
        this.times = times;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }
}
