package io.keyframe.ui;

import io.keyframe.camera.entity.AccessGroups;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraSpec;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.RecordingMode;
import io.keyframe.camera.entity.RtspUrl;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.camera.entity.StreamSpec;
import io.keyframe.platform.rest.ApiException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The camera dialog's model: camera settings and its streams, the first of which is the primary
 * one. {@link #toSpec()} builds the same {@link CameraSpec} the REST API builds, so the rules are
 * the value objects' own; a refusal names the field it belongs to ({@link FieldError}).
 */
public class CameraForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The refused values: field id in the dialog ({@code id}, {@code streams:0:url}, or {@code null}
     * for the dialog as a whole) to the message, in the dialog's order.
     */
    static final class FieldErrors extends Exception {
        private static final long serialVersionUID = 1L;
        final Map<String, String> errors;

        FieldErrors(Map<String, String> errors) {
            super(String.join("; ", errors.values()));
            this.errors = errors;
        }
    }

    private boolean editing;
    private String id;
    private String name;
    private RecordingMode mode = RecordingMode.CONTINUOUS;
    private Integer retentionDays;
    private Integer preRollSecs = 5;
    private Integer postRollSecs = 10;
    private boolean acceptEvents;
    /** Group names separated by commas; empty: every viewer. */
    private String accessGroups;
    private final List<StreamForm> streams = new ArrayList<>();

    static CameraForm blank() {
        CameraForm form = new CameraForm();
        form.streams.add(StreamForm.blank("main"));
        return form;
    }

    static CameraForm of(Camera camera) {
        CameraForm form = new CameraForm();
        form.editing = true;
        form.id = camera.id().value();
        form.name = camera.name();
        form.mode = camera.recordingMode();
        form.retentionDays = camera.retentionDays();
        form.preRollSecs = camera.preRollSecs();
        form.postRollSecs = camera.postRollSecs();
        form.acceptEvents = camera.acceptEvents();
        form.accessGroups = camera.accessGroups().display();
        camera.streams().stream()
                .sorted(Comparator.comparing((CameraStream s) -> !s.primary()).thenComparing(s -> s.id().value()))
                .forEach(s -> form.streams.add(StreamForm.of(s)));
        return form;
    }

    /** The spec to create or update; the first stream is primary. Every field is checked before one is refused. */
    CameraSpec toSpec() throws FieldErrors {
        Map<String, String> errors = new LinkedHashMap<>();
        CameraId cameraId = null;
        try {
            cameraId = CameraId.of(id);
        } catch (ApiException e) {
            errors.put("id", e.getMessage());
        }
        AccessGroups groups = null;
        try {
            groups = AccessGroups.parseList(accessGroups);
        } catch (ApiException e) {
            errors.put("accessGroups", e.getMessage());
        }
        List<StreamSpec> specs = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            StreamSpec spec = streamSpec(i, streams.get(i), errors);
            if (spec != null) {
                specs.add(spec);
            }
        }
        if (!errors.isEmpty()) {
            throw new FieldErrors(errors);
        }
        try {
            return new CameraSpec(cameraId, name, mode == null ? RecordingMode.CONTINUOUS : mode, retentionDays,
                    preRollSecs == null ? 5 : preRollSecs, postRollSecs == null ? 10 : postRollSecs, specs, acceptEvents, groups);
        } catch (ApiException e) {
            Map<String, String> one = new LinkedHashMap<>();
            one.put(duplicateStream(e.getMessage()).orElse(cameraField(e.getMessage())), e.getMessage());
            throw new FieldErrors(one);
        }
    }

    /** The stream's spec, or {@code null} with its refusals added to {@code errors}. */
    private static StreamSpec streamSpec(int index, StreamForm form, Map<String, String> errors) {
        String prefix = "streams:" + index + ":";
        StreamId streamId = null;
        try {
            streamId = StreamId.of(form.getStreamId());
        } catch (ApiException e) {
            errors.put(prefix + "streamId", e.getMessage());
        }
        try {
            RtspUrl.parse(form.getUrl());
            if (streamId == null) {
                return null;
            }
            return StreamSpec.of(streamId, form.getUrl(), form.getUsername(), form.passwordToStore(), form.passwordGiven(),
                    index == 0, form.getTransport(), form.retentionDays());
        } catch (ApiException e) {
            String message = e.getMessage();
            String field = message.startsWith("username") ? "username" : message.startsWith("password") ? "password" : "url";
            errors.put(prefix + field, message);
            return null;
        }
    }

    /** For "stream_id X appears twice": the id field of the last stream with that id. */
    private Optional<String> duplicateStream(String message) {
        if (!message.startsWith("stream_id ") || !message.endsWith(" appears twice")) {
            return Optional.empty();
        }
        String duplicate = message.substring("stream_id ".length(), message.length() - " appears twice".length());
        for (int i = streams.size() - 1; i >= 0; i--) {
            if (duplicate.equals(streams.get(i).getStreamId())) {
                return Optional.of("streams:" + i + ":streamId");
            }
        }
        return Optional.empty();
    }

    /** The dialog field a camera-level refusal belongs to; {@code null} for the dialog as a whole. */
    static String cameraField(String message) {
        if (message.startsWith("camera_id") || message.contains("already exists")) {
            return "id";
        } else if (message.startsWith("name ")) {
            return "name";
        } else if (message.startsWith("retention_days must")) {
            return "retentionDays";
        } else if (message.startsWith("pre_roll_secs")) {
            return "preRollSecs";
        } else if (message.startsWith("post_roll_secs")) {
            return "postRollSecs";
        } else if (message.startsWith("access_groups")) {
            return "accessGroups";
        }
        return null;
    }

    /**
     * Moves user information typed into a URL into the username and password fields, so the page
     * never shows a password in the URL field again (the rules are {@link StreamSpec#of}'s).
     */
    void moveCredentialsOutOfUrls() {
        for (StreamForm stream : streams) {
            try {
                RtspUrl url = RtspUrl.parse(stream.getUrl());
                if (url.username() != null || url.password() != null) {
                    if (stream.getUsername() == null || stream.getUsername().isEmpty()) {
                        stream.setUsername(url.username());
                    }
                    if (url.password() != null && (stream.password() == null || stream.password().isEmpty())) {
                        stream.setPassword(url.password());
                    }
                    stream.setUrl(url.withoutCredentials().toString());
                }
            } catch (ApiException e) {
                // an invalid URL is refused by toSpec() with its message
            }
        }
    }

    public boolean isEditing() {
        return editing;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public RecordingMode getMode() {
        return mode;
    }

    public void setMode(RecordingMode mode) {
        this.mode = mode;
    }

    public Integer getRetentionDays() {
        return retentionDays;
    }

    public void setRetentionDays(Integer retentionDays) {
        this.retentionDays = retentionDays;
    }

    public Integer getPreRollSecs() {
        return preRollSecs;
    }

    public void setPreRollSecs(Integer preRollSecs) {
        this.preRollSecs = preRollSecs;
    }

    public Integer getPostRollSecs() {
        return postRollSecs;
    }

    public void setPostRollSecs(Integer postRollSecs) {
        this.postRollSecs = postRollSecs;
    }

    public boolean isAcceptEvents() {
        return acceptEvents;
    }

    public void setAcceptEvents(boolean acceptEvents) {
        this.acceptEvents = acceptEvents;
    }

    public String getAccessGroups() {
        return accessGroups;
    }

    public void setAccessGroups(String accessGroups) {
        this.accessGroups = accessGroups;
    }

    public List<StreamForm> getStreams() {
        return streams;
    }
}
