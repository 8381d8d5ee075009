package io.keyframe.camera.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A configured camera with its streams. */
@Entity
@Table(name = "camera")
public class Camera {

    @Id
    @Column(name = "camera_id")
    private String cameraId;

    private String name;

    @Column(name = "recording_mode")
    private String recordingMode;

    @Column(name = "retention_days")
    private Integer retentionDays;

    @Column(name = "pre_roll_secs")
    private int preRollSecs = 5;

    @Column(name = "post_roll_secs")
    private int postRollSecs = 10;

    @Column(name = "accept_events")
    private boolean acceptEvents;

    /** Group names joined by commas ({@link AccessGroups#column()}); null: every viewer. */
    @Column(name = "access_groups")
    private String accessGroups;

    @Column(name = "schedule_time_zone", updatable = false)
    private String scheduleTimeZone = "UTC";

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @OneToMany(mappedBy = "camera", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("streamId")
    private List<CameraStream> streams = new ArrayList<>();

    protected Camera() {
    }

    public Camera(CameraId id, Instant now) {
        this.cameraId = id.value();
        this.createdAt = now;
        this.updatedAt = now;
    }

    public CameraId id() {
        return CameraId.of(cameraId);
    }

    public String name() {
        return name;
    }

    public RecordingMode recordingMode() {
        return RecordingMode.parse(recordingMode);
    }

    public Integer retentionDays() {
        return retentionDays;
    }

    public int preRollSecs() {
        return preRollSecs;
    }

    public int postRollSecs() {
        return postRollSecs;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<CameraStream> streams() {
        return streams;
    }

    /** The IANA time zone of the weekly schedule. */
    public String scheduleTimeZone() {
        return scheduleTimeZone;
    }

    /** Whether an {@code off} camera records around events. */
    public boolean acceptEvents() {
        return acceptEvents;
    }

    /** The groups the footage is limited to; {@link AccessGroups#NONE} when every viewer may see it. */
    public AccessGroups accessGroups() {
        return AccessGroups.fromColumn(accessGroups);
    }

    public Optional<CameraStream> stream(StreamId id) {
        return streams.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<CameraStream> primaryStream() {
        return streams.stream().filter(CameraStream::primary).findFirst();
    }

    /** Applies the editable settings of a validated request. */
    public void apply(CameraSpec spec, Instant now) {
        this.name = spec.name();
        this.recordingMode = spec.recordingMode().wire();
        this.retentionDays = spec.retentionDays();
        this.preRollSecs = spec.preRollSecs();
        this.postRollSecs = spec.postRollSecs();
        this.acceptEvents = spec.acceptEvents();
        this.accessGroups = spec.accessGroups().column();
        this.updatedAt = now;
    }
}
