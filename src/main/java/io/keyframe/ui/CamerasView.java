package io.keyframe.ui;

import io.keyframe.camera.control.CameraProbe;
import io.keyframe.camera.control.CameraService;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraSpec;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.ProbeOutcome;
import io.keyframe.camera.entity.RecordingMode;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.recording.control.StreamManager;
import io.keyframe.recording.control.Transport;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.primefaces.PrimeFaces;

/**
 * The cameras page: the list with each stream's state, the add/edit dialog with "test
 * connection", and delete. Every change goes through {@link CameraService} and every probe through
 * {@link CameraProbe}, as the REST API's do; their refusals become messages next to the fields.
 */
@Named
@ViewScoped
public class CamerasView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(CamerasView.class.getName());
    static final String FORM = "cameraForm";

    /** One camera of the list. */
    public record CameraRow(String id, String name, RecordingMode mode, Integer retentionDays, int preRollSecs,
                            int postRollSecs, List<StreamRow> streams, String accessGroups) implements Serializable {
    }

    /** One stream of a listed camera, with its session's state now. */
    public record StreamRow(String id, String url, boolean primary, String state) implements Serializable {
    }

    @Inject
    CameraService cameras;

    @Inject
    CameraProbe probe;

    @Inject
    StreamManager manager;

    private List<CameraRow> rows = List.of();
    private CameraForm form = CameraForm.blank();
    private String deleting;

    @PostConstruct
    void init() {
        refresh();
    }

    /** Reads the cameras and their streams' states again (the list polls this). */
    public void refresh() {
        List<CameraRow> list = new ArrayList<>();
        for (Camera camera : cameras.all()) {
            List<StreamRow> streams = new ArrayList<>();
            camera.streams().stream()
                    .sorted((a, b) -> a.primary() != b.primary() ? (a.primary() ? -1 : 1) : a.id().value().compareTo(b.id().value()))
                    .forEach(s -> streams.add(new StreamRow(s.id().value(), s.url().toString(), s.primary(), state(camera, s))));
            list.add(new CameraRow(camera.id().value(), camera.name(), camera.recordingMode(), camera.retentionDays(),
                    camera.preRollSecs(), camera.postRollSecs(), List.copyOf(streams), camera.accessGroups().display()));
        }
        rows = List.copyOf(list);
    }

    private String state(Camera camera, CameraStream stream) {
        try {
            return manager.status(camera.id(), Optional.of(stream.id())).state().name();
        } catch (ApiException e) {
            return "STOPPED"; // removed meanwhile
        }
    }

    public void add() {
        form = CameraForm.blank();
    }

    public void edit(String id) {
        try {
            form = CameraForm.of(cameras.get(CameraId.of(id)));
        } catch (ApiException e) {
            global(FacesMessage.SEVERITY_WARN, "Cannot edit " + id, e.getMessage());
            refresh();
        }
    }

    public void addStream() {
        if (form.getStreams().size() < CameraSpec.MAX_STREAMS) {
            form.getStreams().add(StreamForm.blank(nextStreamId()));
        }
    }

    public void removeStream(int index) {
        if (index > 0 && index < form.getStreams().size()) {
            form.getStreams().remove(index);
        }
    }

    private String nextStreamId() {
        List<String> used = form.getStreams().stream().map(StreamForm::getStreamId).toList();
        if (!used.contains("sub")) {
            return "sub";
        }
        int n = 2;
        while (used.contains("stream" + n)) {
            n++;
        }
        return "stream" + n;
    }

    /** "Test connection" of one stream of the dialog; the answer shows next to its URL. */
    public void testConnection(int index) {
        StreamForm stream = form.getStreams().get(index);
        form.moveCredentialsOutOfUrls();
        String prefix = "streams:" + index + ":";
        try {
            ProbeOutcome outcome;
            if (form.isEditing() && stream.isStored() && stream.isStoredPassword() && !stream.passwordGiven()) {
                outcome = probe.probeWithStoredPassword(CameraId.of(form.getId()), StreamId.of(stream.getStreamId()),
                        stream.getUrl(), stream.getUsername(), stream.getTransport());
            } else {
                outcome = probe.probe(stream.getUrl(), stream.getUsername(),
                        stream.isClearPassword() ? null : stream.password(), stream.getTransport());
            }
            stream.probe(outcome);
        } catch (ApiException e) {
            stream.probe(null);
            field(prefix + "url", e.getMessage());
        }
    }

    public void save() {
        form.moveCredentialsOutOfUrls();
        CameraSpec spec;
        try {
            spec = form.toSpec();
        } catch (CameraForm.FieldErrors e) {
            e.errors.forEach((name, message) -> field(name, message));
            return;
        }
        try {
            if (form.isEditing()) {
                cameras.update(spec);
                global(FacesMessage.SEVERITY_INFO, "Camera " + spec.id() + " saved", null);
            } else {
                cameras.create(spec);
                global(FacesMessage.SEVERITY_INFO, "Camera " + spec.id() + " added", recordsNote(spec.recordingMode()));
            }
        } catch (ApiException e) {
            field(CameraForm.cameraField(e.getMessage()), e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot save camera " + spec.id(), e);
            field(null, "The camera could not be saved; the server log says why.");
            return;
        }
        refresh();
        form = CameraForm.blank(); // the typed password leaves the view's state
        PrimeFaces.current().ajax().addCallbackParam("saved", true);
    }

    private static String recordsNote(RecordingMode mode) {
        return switch (mode) {
            case CONTINUOUS -> "It starts recording now.";
            case SCHEDULED -> "It records on its weekly schedule (edit it under Schedules).";
            case EVENTS -> "It records around events.";
            case OFF -> "It records only when started.";
        };
    }

    public void askDelete(String id) {
        deleting = id;
    }

    public void delete() {
        if (deleting == null) {
            return;
        }
        try {
            cameras.delete(CameraId.of(deleting));
            global(FacesMessage.SEVERITY_INFO, "Camera " + deleting + " deleted",
                    "Its footage is kept until retention removes it.");
        } catch (ApiException e) {
            global(FacesMessage.SEVERITY_WARN, "Camera " + deleting + " was not deleted", e.getMessage());
        }
        deleting = null;
        refresh();
    }

    /** A message next to the dialog's field {@code field} ({@code null}: at the top of the dialog); the save fails. */
    private static void field(String field, String message) {
        FacesContext context = FacesContext.getCurrentInstance();
        String text = UiText.fieldMessage(message);
        context.addMessage(FORM + ":" + (field == null ? "general" : field),
                new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        context.validationFailed();
    }

    private static void global(FacesMessage.Severity severity, String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, detail));
    }

    public List<CameraRow> getRows() {
        return rows;
    }

    public CameraForm getForm() {
        return form;
    }

    public String getDeleting() {
        return deleting;
    }

    public RecordingMode[] getModes() {
        return RecordingMode.values();
    }

    public Transport[] getTransports() {
        return Transport.values();
    }

    public int getMaxStreams() {
        return CameraSpec.MAX_STREAMS;
    }

    /** The mode for people: {@code Continuous}, {@code Events only}... */
    public String modeLabel(RecordingMode mode) {
        return UiText.mode(mode);
    }
}
