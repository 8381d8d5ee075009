package io.keyframe.ui;

import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.ProbeOutcome;
import io.keyframe.recording.control.Transport;
import java.io.Serializable;

/**
 * One stream in the camera dialog. The password is write-only: it is never filled from the
 * store, and an empty one on a stored stream keeps the stored password.
 */
public class StreamForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String streamId;
    private String url;
    private String username;
    private String password;
    private boolean clearPassword;
    private Transport transport = Transport.TCP;
    /** The stream's own retention, kept as it was (the dialog does not edit it). */
    private Integer retentionDays;
    /** Whether the stream is stored: its id is then fixed and its password may be kept. */
    private boolean stored;
    private boolean storedPassword;
    private ProbeOutcome probe;

    public static StreamForm blank(String id) {
        StreamForm form = new StreamForm();
        form.streamId = id;
        return form;
    }

    static StreamForm of(CameraStream stream) {
        StreamForm form = new StreamForm();
        form.streamId = stream.id().value();
        form.url = stream.url().toString();
        form.username = stream.username();
        form.transport = stream.transport();
        form.retentionDays = stream.retentionDays();
        form.stored = true;
        form.storedPassword = stream.hasPassword();
        return form;
    }

    /** Whether the request says anything about the password: a new one, or "remove the stored one". */
    boolean passwordGiven() {
        return clearPassword || (password != null && !password.isEmpty());
    }

    /** The password to store: {@code null} when removed or not given. */
    String passwordToStore() {
        return clearPassword ? null : password;
    }

    public String getStreamId() {
        return streamId;
    }

    public void setStreamId(String streamId) {
        this.streamId = streamId;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** Always empty: the page never shows a password. */
    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    String password() {
        return password;
    }

    public boolean isClearPassword() {
        return clearPassword;
    }

    public void setClearPassword(boolean clearPassword) {
        this.clearPassword = clearPassword;
    }

    public Transport getTransport() {
        return transport;
    }

    public void setTransport(Transport transport) {
        this.transport = transport == null ? Transport.TCP : transport;
    }

    Integer retentionDays() {
        return retentionDays;
    }

    public boolean isStored() {
        return stored;
    }

    public boolean isStoredPassword() {
        return storedPassword;
    }

    public ProbeOutcome getProbe() {
        return probe;
    }

    void probe(ProbeOutcome outcome) {
        this.probe = outcome;
    }
}
