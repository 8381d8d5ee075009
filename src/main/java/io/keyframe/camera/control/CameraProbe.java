package io.keyframe.camera.control;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.ProbeOutcome;
import io.keyframe.camera.entity.ProbeResult;
import io.keyframe.camera.entity.RtspUrl;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.recording.control.Transport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * "Test connection": probes an RTSP URL (typed in, or a stored stream with its stored credentials)
 * and answers codec, size, frame rate and audio, or why not. Called by {@code POST /cameras/probe},
 * {@code POST /cameras/{id}/probe} and the cameras page. At most {@value #MAX_CONCURRENT} probes
 * run at once; one takes at most about {@link #TIMEOUT}.
 */
@ApplicationScoped
public class CameraProbe {

    /** The longest a probe takes: DESCRIBE plus the first sequence parameters of the video. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_CONCURRENT = 2;
    private static final Logger LOG = Logger.getLogger(CameraProbe.class.getName());

    @Inject
    StreamProber prober;

    @Inject
    CameraStore store;

    private final Semaphore permits = new Semaphore(MAX_CONCURRENT);

    /**
     * Probes a URL as a client gave it: {@code username}/{@code password} win over the URL's user
     * information, as when a camera is saved.
     *
     * @throws ApiException 400 when the URL is not a valid RTSP URL
     */
    public ProbeOutcome probe(String rawUrl, String username, String password, Transport transport) {
        RtspUrl url = RtspUrl.parse(rawUrl);
        String user = emptyToNull(username != null ? username : url.username());
        String pass = emptyToNull(password != null ? password : url.password());
        return run(url.withoutCredentials(), user, pass, transport == null ? Transport.TCP : transport);
    }

    /**
     * Probes a stored stream (the primary one when {@code stream} is empty) with its stored URL and credentials.
     *
     * @throws ApiException 404 for an unknown camera or stream
     */
    public ProbeOutcome probeStored(CameraId camera, Optional<StreamId> stream) {
        CameraStream stored = stream.isPresent() ? stored(camera, stream.get())
                : store.get(camera).primaryStream()
                        .orElseThrow(() -> ApiException.notFound("camera " + camera + " has no primary stream"));
        return run(stored.url(), stored.username(), stored.password(), stored.transport());
    }

    /**
     * Probes an edited form of a stored stream whose password field was left empty ("keep the
     * stored one"). The stored password is only sent to the host and port it was stored for: a
     * changed address is probed without it, so a typed-in URL cannot draw the password out.
     */
    public ProbeOutcome probeWithStoredPassword(CameraId camera, StreamId stream, String rawUrl, String username,
                                                Transport transport) {
        RtspUrl url = RtspUrl.parse(rawUrl);
        CameraStream stored = stored(camera, stream);
        String user = emptyToNull(username != null ? username : url.username());
        boolean sameAddress = sameAddress(stored.url(), url.withoutCredentials());
        String pass = url.password() != null ? url.password() : sameAddress ? stored.password() : null;
        ProbeOutcome outcome = run(url.withoutCredentials(), user, pass, transport == null ? Transport.TCP : transport);
        if (!sameAddress && stored.hasPassword() && url.password() == null
                && ProbeFailure.Reason.UNAUTHORIZED.wire().equals(outcome.reason())) {
            return ProbeOutcome.failed(outcome.reason(), outcome.error()
                    + "; the stored password is only sent to the address it was saved for: type it again to test this one",
                    outcome.elapsedMillis());
        }
        return outcome;
    }

    private CameraStream stored(CameraId camera, StreamId stream) {
        return store.get(camera).stream(stream)
                .orElseThrow(() -> ApiException.notFound("camera " + camera + " has no stream " + stream));
    }

    private ProbeOutcome run(URI url, String user, String password, Transport transport) {
        long started = System.nanoTime();
        if (!permits.tryAcquire()) {
            return ProbeOutcome.failed(ProbeFailure.Reason.BUSY.wire(),
                    MAX_CONCURRENT + " connection tests are running; try again in a few seconds", 0);
        }
        try {
            ProbeResult result = prober.probe(url, user, password, transport, TIMEOUT);
            long millis = millisSince(started);
            LOG.info(() -> "probe " + url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath()
                    + ": " + result.summary() + " in " + millis + " ms");
            return ProbeOutcome.ok(result, millis);
        } catch (ProbeFailure e) {
            long millis = millisSince(started);
            LOG.info(() -> "probe failed (" + e.reason().wire() + ") in " + millis + " ms: " + e.getMessage());
            return ProbeOutcome.failed(e.reason().wire(), e.getMessage(), millis);
        } finally {
            permits.release();
        }
    }

    /** Same host (ignoring case) and port (554 when none is given). */
    static boolean sameAddress(URI a, URI b) {
        return a.getHost() != null && b.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI url) {
        return url.getPort() > 0 ? url.getPort() : 554;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
