package io.keyframe.ui;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.security.CameraAccess;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The recordings page: which camera, stream and day to show. The player and the timeline bar are
 * drawn in the browser ({@code recordings.js}) from the same REST routes any client uses:
 * {@code /cameras/{id}/timeline}, {@code /cameras/{id}/segments}, {@code /events},
 * {@code /segments/{id}/file} and {@code /cameras/{id}/export}.
 */
@Named
@ViewScoped
public class RecordingsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A camera in the picker. */
    public record Choice(String value, String label) implements Serializable {
    }

    @Inject
    transient CameraStore cameras;

    @Inject
    transient Clock clock;

    @Inject
    transient CameraAccess cameraAccess;

    // view parameters (bookmarkable: ?camera=lobby&stream=main&day=2026-11-29&at=...)
    private String camera;
    private String stream;
    private String dayParam;
    private String at;

    private LocalDate day;
    private List<Choice> cameraChoices = List.of();
    private List<Choice> streamChoices = List.of();

    /** Runs once the view parameters are set: checks them and fills in defaults. */
    public void load() {
        ZoneId zone = ZoneId.systemDefault();
        CameraAccess.Caller caller = cameraAccess.caller();
        // cameras limited to groups the user is not in are not offered (their footage routes refuse them too)
        List<Camera> all = cameras.all().stream().filter(c -> cameraAccess.maySee(caller, c)).toList();
        cameraChoices = all.stream().map(c -> new Choice(c.id().value(),
                c.name() == null || c.name().equals(c.id().value()) ? c.id().value() : c.name() + " (" + c.id().value() + ")")).toList();
        Instant focus = null;
        if (at != null && !at.isBlank()) {
            try {
                focus = Instant.parse(at);
            } catch (DateTimeParseException e) {
                UiActions.error("at must be an ISO-8601 instant such as 2026-11-29T10:15:30Z");
                at = null;
            }
        }
        day = focus != null ? LocalDate.ofInstant(focus, zone) : LocalDate.now(clock.withZone(zone));
        if (dayParam != null && !dayParam.isBlank() && focus == null) {
            try {
                day = LocalDate.parse(dayParam);
            } catch (DateTimeParseException e) {
                UiActions.error("day must be a date such as 2026-11-29");
            }
        }
        if (camera != null && !camera.isBlank()) {
            try {
                Optional<Camera> asked = cameras.find(CameraId.of(camera));
                if (asked.isEmpty()) {
                    UiActions.error("There is no camera " + CameraId.of(camera).value() + ".");
                    camera = null;
                } else if (!cameraAccess.maySee(caller, asked.get())) {
                    UiActions.error("You may not see the footage of camera " + asked.get().id().value() + ".");
                    camera = null;
                }
            } catch (ApiException e) {
                UiActions.error(e.getMessage());
                camera = null;
            }
        }
        if ((camera == null || camera.isBlank()) && !all.isEmpty()) {
            camera = all.get(0).id().value();
        }
        cameraChanged();
    }

    /** A new camera was picked: its primary stream unless the current stream exists there too. */
    public void cameraChanged() {
        Optional<Camera> selected = camera == null ? Optional.empty()
                : cameras.find(CameraId.of(camera)).filter(c -> cameraAccess.maySee(c));
        streamChoices = selected.map(c -> c.streams().stream()
                .map(s -> new Choice(s.id().value(), s.id().value() + (s.primary() ? " (primary)" : ""))).toList()).orElse(List.of());
        if (selected.isPresent() && streamChoices.stream().noneMatch(s -> s.value().equals(stream))) {
            stream = selected.get().primaryStream().map(CameraStream::id).map(id -> id.value())
                    .orElse(streamChoices.isEmpty() ? null : streamChoices.get(0).value());
        }
    }

    public void dayChanged() {
        if (day == null) {
            day = LocalDate.now(clock.withZone(ZoneId.systemDefault()));
        }
        at = null;
    }

    public void previousDay() {
        day = day.minusDays(1);
        at = null;
    }

    public void nextDay() {
        day = day.plusDays(1);
        at = null;
    }

    /** Start of the day shown, in the server's zone, as an ISO instant for the scripts. */
    public String getFrom() {
        return day.atStartOfDay(ZoneId.systemDefault()).toInstant().toString();
    }

    /** End of the day shown (exclusive). */
    public String getTo() {
        return day.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant().toString();
    }

    public String getZone() {
        return ZoneId.systemDefault().getId();
    }

    public LocalDate getToday() {
        return LocalDate.now(clock.withZone(ZoneId.systemDefault()));
    }

    public List<Choice> getCameraChoices() {
        return cameraChoices;
    }

    public List<Choice> getStreamChoices() {
        return streamChoices;
    }

    public String getCamera() {
        return camera;
    }

    public void setCamera(String camera) {
        this.camera = camera;
    }

    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
    }

    public String getDayParam() {
        return dayParam;
    }

    public void setDayParam(String dayParam) {
        this.dayParam = dayParam;
    }

    public String getAt() {
        return at;
    }

    public void setAt(String at) {
        this.at = at;
    }

    public LocalDate getDay() {
        return day;
    }

    public void setDay(LocalDate day) {
        this.day = day;
    }
}
