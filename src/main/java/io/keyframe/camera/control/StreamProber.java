package io.keyframe.camera.control;

import io.keyframe.camera.entity.ProbeResult;
import io.keyframe.recording.control.Transport;
import java.net.URI;
import java.time.Duration;

/** Connects to an RTSP stream for a moment and reports what it carries (the media engine implements it). */
public interface StreamProber {

    /**
     * Probes {@code url} within about {@code timeout}.
     *
     * @param url      the RTSP URL without user information
     * @param username RTSP user, or {@code null}
     * @param password RTSP password, or {@code null}
     * @throws ProbeFailure when the stream cannot be reached or carries nothing Keyframe records
     */
    ProbeResult probe(URI url, String username, String password, Transport transport, Duration timeout) throws ProbeFailure;
}
