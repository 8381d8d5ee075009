package io.keyframe.ui;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.schedule.control.ScheduleService;
import io.keyframe.schedule.control.ScheduleStore.CameraSchedule;
import io.keyframe.schedule.entity.Schedule;
import io.keyframe.schedule.entity.ScheduleException;
import io.keyframe.schedule.entity.WeeklyRange;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.validator.ValidatorException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The Schedules page: one camera's weekly ranges (typed per day or painted on the grid, which
 * writes the same text), its time zone and dated exceptions, saved through the same
 * {@link ScheduleService} call as {@code PUT /cameras/{id}/schedule}; shows the next changes of
 * the saved schedule in the server's time zone.
 */
@Named
@ViewScoped
public class SchedulesView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SchedulesView.class.getName());
    static final int NEXT_CHANGES = 4;

    /** A camera in the picker. */
    public record CameraChoice(String id, String label) implements Serializable {
    }

    /** One weekday's ranges as text, the value of its field. */
    public static final class DayRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final DayOfWeek day;
        private String ranges = "";

        DayRow(DayOfWeek day) {
            this.day = day;
        }

        public DayOfWeek getDay() {
            return day;
        }

        public String getLabel() {
            return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }

        public String getRanges() {
            return ranges;
        }

        public void setRanges(String ranges) {
            this.ranges = ranges == null ? "" : ranges;
        }
    }

    @Inject
    transient CameraStore cameraStore;

    @Inject
    transient ScheduleService schedules;

    @Inject
    transient Clock clock;

    private String camera;
    private List<CameraChoice> cameras = List.of();
    private String mode;
    private String zone = "UTC";
    private final List<DayRow> days = new ArrayList<>();
    private final ScheduleExceptions exceptions = new ScheduleExceptions();
    private List<ScheduleTimes.Change> nextChanges = List.of();
    private boolean onNow;
    private boolean loaded;

    @PostConstruct
    void init() {
        for (DayOfWeek day : DayOfWeek.values()) {
            days.add(new DayRow(day));
        }
        cameras = cameraStore.all().stream()
                .map(c -> new CameraChoice(c.id().value(), c.name() == null || c.name().isBlank()
                        || c.name().equals(c.id().value()) ? c.id().value() : c.name() + " (" + c.id().value() + ")"))
                .toList();
    }

    /** After the view parameter: loads the camera it names, or the first camera. */
    public void open() {
        if (camera == null || camera.isBlank()) {
            camera = cameras.isEmpty() ? null : cameras.get(0).id();
        }
        load();
    }

    /** The picker changed: discards unsaved edits and shows that camera's saved schedule. */
    public void cameraChanged() {
        load();
    }

    private void load() {
        loaded = false;
        if (camera == null) {
            return;
        }
        try {
            show(schedules.get(CameraId.of(camera)));
        } catch (ApiException e) {
            FacesContext.getCurrentInstance().addMessage(null,
                    new FacesMessage(FacesMessage.SEVERITY_WARN, "Camera not found", e.getMessage()));
            camera = null;
        }
    }

    private void show(CameraSchedule stored) {
        Schedule schedule = stored.schedule();
        mode = stored.recordingMode();
        zone = schedule.zone().getId();
        for (DayRow row : days) {
            row.setRanges(DayRanges.format(schedule.weekly(row.getDay()).stream()
                    .map(r -> new DayRanges.Range(r.startMinute(), r.endMinute())).toList()));
        }
        exceptions.replaceAll(schedule.exceptions());
        var now = clock.instant();
        onNow = schedule.isOn(now);
        nextChanges = ScheduleTimes.changes(schedule, now, NEXT_CHANGES);
        loaded = true;
    }

    /** Faces validator of a day's field: the message appears next to it. */
    public void validateRanges(FacesContext context, UIComponent component, Object value) {
        try {
            DayRanges.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), e.getMessage()));
        }
    }

    /** Faces validator of the time zone. */
    public void validateZone(FacesContext context, UIComponent component, Object value) {
        try {
            Schedule.zone("Time zone", (String) value);
        } catch (ApiException e) {
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), e.getMessage()));
        }
    }

    /** Stores the whole schedule as {@code PUT /cameras/{id}/schedule} does. */
    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!loaded) {
            return;
        }
        try {
            List<WeeklyRange> weekly = new ArrayList<>();
            for (DayRow row : days) {
                DayRanges.parse(row.getRanges()).forEach(r -> weekly.add(new WeeklyRange(row.getDay(), r.start(), r.end())));
            }
            Schedule schedule = new Schedule(Schedule.zone("Time zone", zone), weekly, exceptions.toModel());
            show(schedules.replace(CameraId.of(camera), schedule));
            LOG.info("camera=" + camera + " schedule replaced from the operator pages");
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Schedule saved",
                    "The schedule of " + camera + " is stored" + (isScheduledMode() ? "."
                            : "; it takes effect once the camera's mode is 'scheduled'.")));
        } catch (ApiException | IllegalArgumentException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Not saved", e.getMessage()));
            faces.validationFailed();
        }
    }

    /** Drops unsaved edits. */
    public void revert() {
        load();
    }

    public boolean isScheduledMode() {
        return "scheduled".equals(mode);
    }

    public List<String> getZones() {
        return ScheduleTimes.ZONES;
    }

    public String getServerZone() {
        return ZoneId.systemDefault().getId();
    }

    /** Whether the schedule's wall clock can differ from the server's (then both times are shown). */
    public boolean isZoneDiffers() {
        try {
            return !ZoneId.of(zone).getRules().equals(ZoneId.systemDefault().getRules());
        } catch (RuntimeException e) {
            return true;
        }
    }

    public String getCamera() {
        return camera;
    }

    public void setCamera(String camera) {
        this.camera = camera;
    }

    public List<CameraChoice> getCameras() {
        return cameras;
    }

    public String getMode() {
        return mode;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public List<DayRow> getDays() {
        return days;
    }

    public ScheduleExceptions getExceptions() {
        return exceptions;
    }

    public List<ScheduleTimes.Change> getNextChanges() {
        return nextChanges;
    }

    public boolean isOnNow() {
        return onNow;
    }

    public boolean isLoaded() {
        return loaded;
    }
}
