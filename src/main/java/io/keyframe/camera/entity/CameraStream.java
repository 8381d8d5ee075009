package io.keyframe.camera.entity;

import io.keyframe.recording.control.Transport;
import io.keyframe.security.SecretCipher;
import io.keyframe.security.StoredSecrets;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/** One RTSP stream of a camera; the password is write-only for the API. */
@Entity
@Table(name = "stream")
@IdClass(CameraStream.Key.class)
public class CameraStream {

    /** Composite key (camera_id, stream_id). */
    public static class Key implements Serializable {
        private String camera;
        private String streamId;

        public Key() {
        }

        public Key(String camera, String streamId) {
            this.camera = camera;
            this.streamId = streamId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(camera, k.camera) && Objects.equals(streamId, k.streamId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(camera, streamId);
        }
    }

    @Id
    @ManyToOne
    @JoinColumn(name = "camera_id")
    private Camera camera;

    @Id
    @Column(name = "stream_id")
    private String streamId;

    private String url;
    private String username;
    /**
     * Encrypted at rest ({@link SecretCipher}: {@code enc:v1:...}); a plain legacy value is read as is
     * and encrypted at start-up. Explicit rather than a JPA converter: Hibernate would ask CDI for
     * the converter before the bean manager is ready (NotYetReadyException on Liberty).
     */
    private String password;

    @Column(name = "is_primary")
    private boolean primary;

    private String transport = "tcp";

    @Column(name = "retention_days")
    private Integer retentionDays;

    @Column(name = "recording_desired")
    private boolean recordingDesired;

    @Column(name = "manual_override")
    private String manualOverride;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected CameraStream() {
    }

    public CameraStream(Camera camera, StreamId id, Instant now) {
        this.camera = camera;
        this.streamId = id.value();
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Camera camera() {
        return camera;
    }

    public StreamId id() {
        return StreamId.of(streamId);
    }

    /** The URL without credentials. */
    public URI url() {
        return URI.create(url);
    }

    public String username() {
        return username;
    }

    /** For the recorder only; never serialised. */
    public String password() {
        return SecretCipher.isEncrypted(password) ? StoredSecrets.cipher().decrypt(password) : password;
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    public boolean primary() {
        return primary;
    }

    /** Days this stream's footage is kept, or null for the camera's retention. */
    public Integer retentionDays() {
        return retentionDays;
    }

    public Transport transport() {
        return Transport.valueOf(transport.toUpperCase());
    }

    public boolean recordingDesired() {
        return recordingDesired;
    }

    /** {@code on} or {@code off} from the start/stop routes, or null when mode, schedule and events decide. */
    public String manualOverride() {
        return manualOverride;
    }

    public void manualOverride(String value, Instant now) {
        this.manualOverride = value;
        this.updatedAt = now;
    }

    public void recordingDesired(boolean desired, Instant now) {
        this.recordingDesired = desired;
        this.updatedAt = now;
    }

    /** Applies a validated request; a missing password keeps the stored one (write-only field). */
    public void apply(StreamSpec spec, Instant now) {
        this.url = spec.url().toString();
        this.username = spec.username();
        if (spec.passwordGiven()) {
            String plain = spec.password();
            this.password = plain == null || plain.isEmpty() ? plain : StoredSecrets.cipher().encrypt(plain);
        }
        this.primary = spec.primary();
        this.transport = spec.transport().name().toLowerCase();
        this.retentionDays = spec.retentionDays();
        this.updatedAt = now;
    }
}
