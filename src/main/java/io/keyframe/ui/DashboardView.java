package io.keyframe.ui;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.RecordingMode;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.event.control.EventTrigger;
import io.keyframe.event.entity.EventRequest;
import io.keyframe.recording.control.SessionStatus;
import io.keyframe.recording.control.StreamManager;
import io.keyframe.recording.control.StreamStats;
import io.keyframe.security.CameraAccess;
import io.keyframe.segment.control.SegmentStore;
import io.keyframe.segment.entity.Segment;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard: every camera with its streams' state, health numbers, newest footage and the
 * start/stop/trigger buttons. The page polls {@link #refresh()}; every button calls the same
 * control methods as the REST routes ({@code POST /recording/start|stop/...},
 * {@code DELETE /recording/override/...}, {@code POST /recording/event/...}).
 */
@Named
@ViewScoped
public class DashboardView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One stream of a camera tile. */
    public record StreamTile(String id, String state, String since, String wantedBy, String override,
                             boolean desired, String dropRate, String bitrate, String fps, String lastSegment,
                             Long thumbnailSegment, String lastError, int reconnects, String codec) implements Serializable {
    }

    /** One camera tile. */
    public record CameraTile(String id, String name, String mode, boolean acceptEvents, List<StreamTile> streams,
                             Long thumbnailSegment) implements Serializable {
    }

    @Inject
    transient CameraStore cameras;

    @Inject
    transient StreamManager manager;

    @Inject
    transient SegmentStore segments;

    @Inject
    transient EventTrigger events;

    @Inject
    transient Clock clock;

    @Inject
    transient UiAccess access;

    @Inject
    transient CameraAccess cameraAccess;

    private List<CameraTile> tiles = List.of();
    private int recording;
    private int streamCount;

    @PostConstruct
    void init() {
        refresh();
    }

    /** Reads every camera's state again (the page polls this). */
    public void refresh() {
        Instant now = clock.instant();
        List<CameraTile> result = new ArrayList<>();
        int recordingNow = 0;
        int total = 0;
        CameraAccess.Caller caller = cameraAccess.caller();
        for (Camera camera : cameras.all()) {
            if (!cameraAccess.maySee(caller, camera)) {
                continue; // limited to groups the user is not in: no tile, no thumbnail
            }
            List<StreamTile> streams = new ArrayList<>();
            for (CameraStream stream : camera.streams()) {
                StreamTile tile = streamTile(camera.id(), stream, now);
                streams.add(tile);
                total++;
                if ("RECORDING".equals(tile.state())) {
                    recordingNow++;
                }
            }
            Long thumb = streams.stream().map(StreamTile::thumbnailSegment).filter(t -> t != null).findFirst().orElse(null);
            result.add(new CameraTile(camera.id().value(), camera.name() == null ? camera.id().value() : camera.name(),
                    camera.recordingMode().name().toLowerCase(java.util.Locale.ROOT),
                    // as EventService decides: only a camera that is off must opt in
                    camera.recordingMode() != RecordingMode.OFF || camera.acceptEvents(), streams, thumb));
        }
        tiles = List.copyOf(result);
        recording = recordingNow;
        streamCount = total;
    }

    private StreamTile streamTile(CameraId camera, CameraStream configured, Instant now) {
        StreamId stream = configured.id();
        SessionStatus status = manager.status(camera, Optional.of(stream));
        StreamStats stats = manager.streamStats(camera, stream);
        String wantedBy = manager.wantedBy(camera, stream).wire();
        boolean running = status.state() != io.keyframe.recording.control.SessionState.STOPPED;
        Optional<Segment> newest = segments.newest(camera.value(), stream.value());
        return new StreamTile(stream.value(), status.state().name(), Formats.ago(status.since(), now), wantedBy,
                configured.manualOverride(), status.desired(),
                running && stats.sampled() ? Formats.percent(stats.dropRateLastMinute()) : "–",
                running && stats.sampled() ? Formats.bitrate(stats.bitrateBps()) : "–",
                running && stats.sampled() ? Formats.decimal(stats.fps()) : "–",
                newest.map(n -> Formats.ago(n.endTime(), now)).orElse("none yet"),
                newest.map(Segment::id).orElse(null), status.lastError(), status.reconnects(),
                status.videoCodec());
    }

    public void start(String camera, String stream) {
        if (!access.requireOperator()) {
            return;
        }
        UiActions.run("Recording " + camera + "/" + stream + " started (manual override)",
                () -> manager.start(CameraId.of(camera), Optional.of(StreamId.of(stream))));
        refresh();
    }

    public void stop(String camera, String stream) {
        if (!access.requireOperator()) {
            return;
        }
        UiActions.run("Recording " + camera + "/" + stream + " stopped (manual override)",
                () -> manager.stop(CameraId.of(camera), Optional.of(StreamId.of(stream))));
        refresh();
    }

    /** Gives the stream back to its mode (schedule, events or continuous). */
    public void resume(String camera, String stream) {
        if (!access.requireOperator()) {
            return;
        }
        UiActions.run(camera + "/" + stream + " follows its recording mode again",
                () -> manager.clearOverride(CameraId.of(camera), Optional.of(StreamId.of(stream))));
        refresh();
    }

    /** A manual event on the camera's streams, as {@code POST /recording/event/{camera_id}} without a body. */
    public void trigger(String camera) {
        if (!access.requireOperator()) {
            return;
        }
        UiActions.run("Event triggered on " + camera,
                () -> events.start(camera, null, new EventRequest("manual", "operator page", null), "ui"));
        refresh();
    }

    public List<CameraTile> getTiles() {
        return tiles;
    }

    public int getRecording() {
        return recording;
    }

    public int getStreamCount() {
        return streamCount;
    }

    public String getUpdated() {
        return Formats.time(clock.instant());
    }
}
