package io.keyframe.gstreamer;

import io.keyframe.camera.control.ProbeFailure;
import io.keyframe.camera.control.StreamProber;
import io.keyframe.camera.entity.ProbeResult;
import io.keyframe.recording.control.Transport;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link StreamProber} with a DESCRIBE ({@link RtspDescribe}, {@link Sdp}: codecs, credentials,
 * reachability) and then a short GStreamer pipeline ({@link PipelineDescriptions#probe}) whose
 * parser reports the picture size and frame rate from the stream's sequence parameters. The
 * DESCRIBE connection stays open meanwhile, so a shared stream is not torn down between the two.
 */
@ApplicationScoped
public class GstStreamProber implements StreamProber {

    /** The DESCRIBE gets at most this much of the probe's time; the pipeline the rest. */
    static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(4);
    private static final AtomicLong PROBES = new AtomicLong();

    @Override
    public ProbeResult probe(URI url, String username, String password, Transport transport, Duration timeout)
            throws ProbeFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration describeTimeout = timeout.compareTo(DESCRIBE_TIMEOUT) < 0 ? timeout : DESCRIBE_TIMEOUT;
        CredentialMask mask = new CredentialMask(password);
        try (RtspDescribe describe = new RtspDescribe(url, username, password, describeTimeout)) {
            String sdp = describe.describe();
            SdpMedia media = Sdp.parse(sdp);
            String audio = Sdp.audioCodec(sdp).orElse(null);
            String description = PipelineDescriptions.probe(url, media.video(), transport,
                    Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000_000L)));
            VideoCaps caps = CapsProbe.read("probe-" + PROBES.incrementAndGet(), description, username, password, deadline);
            return new ProbeResult(media.video().encodingName(), caps.width(), caps.height(), caps.frameRate(), audio);
        } catch (StreamProbeException e) {
            throw new ProbeFailure(reason(e.kind()), mask.mask(e.getMessage()));
        } catch (RuntimeException e) {
            // gst_parse_launch and state changes report with runtime exceptions; never echo a URL with secrets
            throw new ProbeFailure(ProbeFailure.Reason.FAILED, mask.mask("the probe failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }

    static ProbeFailure.Reason reason(StreamProbeException.Kind kind) {
        return switch (kind) {
            case UNREACHABLE -> ProbeFailure.Reason.UNREACHABLE;
            case TIMEOUT -> ProbeFailure.Reason.TIMEOUT;
            case UNAUTHORIZED -> ProbeFailure.Reason.UNAUTHORIZED;
            case NOT_FOUND -> ProbeFailure.Reason.NOT_FOUND;
            case NO_VIDEO -> ProbeFailure.Reason.NO_VIDEO;
            case UNSUPPORTED -> ProbeFailure.Reason.UNSUPPORTED;
            case FAILED -> ProbeFailure.Reason.FAILED;
        };
    }
}
