package io.keyframe.ui;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.event.control.EventTrigger;
import io.keyframe.event.entity.EventRequest;
import io.keyframe.event.entity.RecordingEvent;
import io.keyframe.platform.rest.ApiException;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Logger;
import org.primefaces.component.datatable.DataTable;

/**
 * The Events page: recording events filtered by camera, type and time (the query of
 * {@code GET /events}) in a lazy table, and a form that triggers an event the way
 * {@code POST /recording/event/{camera_id}} does, through {@link EventTrigger}.
 */
@Named
@ViewScoped
public class EventsView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EventsView.class.getName());
    /** Client ids of fields that get messages from actions (see events.xhtml). */
    static final String TABLE = "events:table";
    static final String FILTER_FROM = "events:from";
    static final String TRIGGER_CAMERA = "trigger:tCamera";
    static final String TRIGGER_SOURCE = "trigger:tSource";
    /** The types the trigger offers; the filter accepts any type the API does. */
    static final List<String> TRIGGER_TYPES = List.of("manual", "motion", "alarm");

    @Inject
    transient CameraStore cameraStore;

    @Inject
    EventListing listing;

    @Inject
    transient EventTrigger trigger;

    @Inject
    transient UiAccess access;

    @Inject
    transient Clock clock;

    private List<String> cameras = List.of();
    private String camera;
    private String type;
    private LocalDateTime from;
    private LocalDateTime to;
    private EventsLazyModel model;

    private String triggerCamera;
    private String triggerType = "manual";
    private Integer triggerSeconds = 30;
    private String triggerSource;

    @PostConstruct
    void init() {
        cameras = cameraStore.all().stream().map(c -> c.id().value()).toList();
        triggerCamera = cameras.isEmpty() ? null : cameras.get(0);
        from = LocalDateTime.ofInstant(clock.instant(), ZoneId.systemDefault()).minusDays(7).truncatedTo(ChronoUnit.MINUTES);
        model = new EventsLazyModel(filter(), listing);
    }

    /** Applies the filter fields (already validated) and shows the first page. */
    public void search() {
        LocalDateTime until = to;
        if (from != null && until != null && !from.isBefore(until)) {
            error(FILTER_FROM, "the start must be before the end");
            return;
        }
        model = new EventsLazyModel(filter(), listing);
        UIComponent table = FacesContext.getCurrentInstance().getViewRoot().findComponent(TABLE);
        if (table instanceof DataTable dataTable) {
            dataTable.setFirst(0);
        }
    }

    /** Clears the filter: every camera and type, the last seven days. */
    public void reset() {
        camera = null;
        type = null;
        to = null;
        from = LocalDateTime.ofInstant(clock.instant(), ZoneId.systemDefault()).minusDays(7).truncatedTo(ChronoUnit.MINUTES);
        search();
    }

    private EventsLazyModel.Filter filter() {
        Instant now = clock.instant();
        ZoneId zone = ZoneId.systemDefault();
        // as GET /events: up to a day ahead, a week back from the end unless given
        Instant until = to == null ? now.plus(Duration.ofDays(1)) : to.atZone(zone).toInstant();
        Instant since = from == null ? until.minus(Duration.ofDays(7)) : from.atZone(zone).toInstant();
        return new EventsLazyModel.Filter(blank(camera) ? null : camera, since, until, blank(type) ? null : type);
    }

    /** Faces validator of the type filter: empty, or a type as the API names them. */
    public void validateType(FacesContext context, UIComponent component, Object value) {
        String text = (String) value;
        if (!blank(text) && !EventRequest.EVENT_TYPE.matcher(text).matches()) {
            String message = "a type is a short lower-case word, such as motion";
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message));
        }
    }

    /** Starts (or extends) an event as the REST trigger does; origin {@code ui}. */
    public void triggerEvent() {
        if (!access.requireOperator()) {
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            EventRequest request = new EventRequest(triggerType, blank(triggerSource) ? null : triggerSource.strip(),
                    triggerSeconds);
            RecordingEvent event = trigger.start(triggerCamera, null, request, "ui");
            LOG.info("camera=" + triggerCamera + " event " + event.id() + " triggered from the operator pages");
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Event " + event.id() + " on " + triggerCamera,
                    event.eventType() + (event.end() == null ? ", open until it is ended"
                            : ", until " + EventRow.format(Duration.between(event.start(), event.end())) + " after its start")));
            search();
        } catch (ApiException e) {
            // 404 and 409 are about the camera; other refusals are about the source (the rest is checked by the form)
            error(e.status() == 400 ? TRIGGER_SOURCE : TRIGGER_CAMERA, e.getMessage());
        }
    }

    /** Ends an open event now. */
    public void end(EventRow row) {
        if (!access.requireOperator()) {
            return;
        }
        try {
            trigger.end(row.id(), "ui");
        } catch (ApiException e) {
            error(null, e.getMessage());
        }
    }

    private static void error(String clientId, String message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message));
        faces.validationFailed();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public List<String> getCameras() {
        return cameras;
    }

    public List<String> getTriggerTypes() {
        return TRIGGER_TYPES;
    }

    public int getMaxSeconds() {
        return EventRequest.MAX_DURATION_SECS;
    }

    public String getServerZone() {
        return ZoneId.systemDefault().getId();
    }

    public EventsLazyModel getModel() {
        return model;
    }

    public String getCamera() {
        return camera;
    }

    public void setCamera(String camera) {
        this.camera = camera;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type == null ? null : type.strip();
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    public String getTriggerCamera() {
        return triggerCamera;
    }

    public void setTriggerCamera(String triggerCamera) {
        this.triggerCamera = triggerCamera;
    }

    public String getTriggerType() {
        return triggerType;
    }

    public void setTriggerType(String triggerType) {
        this.triggerType = triggerType;
    }

    public Integer getTriggerSeconds() {
        return triggerSeconds;
    }

    public void setTriggerSeconds(Integer triggerSeconds) {
        this.triggerSeconds = triggerSeconds;
    }

    public String getTriggerSource() {
        return triggerSource;
    }

    public void setTriggerSource(String triggerSource) {
        this.triggerSource = triggerSource;
    }
}
