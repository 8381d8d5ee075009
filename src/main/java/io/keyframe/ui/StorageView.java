package io.keyframe.ui;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.retention.control.Actors;
import io.keyframe.retention.control.DeletionReason;
import io.keyframe.retention.control.HoldStore;
import io.keyframe.retention.control.LegalHolds;
import io.keyframe.retention.control.RetentionService;
import io.keyframe.retention.control.StorageOverview;
import io.keyframe.retention.control.StorageQueries;
import io.keyframe.retention.control.StorageReport;
import io.keyframe.segment.control.SegmentStore;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The Storage page: disk usage against the cleanup target, footage per camera, the forecast of
 * days kept, the retention settings, legal holds (list, place, release) and the cleanup audit.
 * Every figure and action comes from the control classes behind {@code GET /storage},
 * {@code /cleanup/*}, {@code /holds} and {@code POST /cameras/{id}/holds}.
 */
@Named
@ViewScoped
public class StorageView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(StorageView.class.getName());
    static final String HOLD_FORM = "holdForm";
    static final String AUDIT_TABLE = ":auditForm:auditTable";

    @Inject
    StorageOverview overview;
    /** A {@code @Singleton} record, not a serializable proxy: looked up through {@link Instance}. */
    @Inject
    Instance<KeyframeSettings> settingsSource;
    @Inject
    RetentionService retention;
    @Inject
    HoldStore holdStore;
    @Inject
    LegalHolds legalHolds;
    @Inject
    CameraStore cameraStore;
    @Inject
    SegmentStore segmentStore;
    @Inject
    StorageQueries queries;

    /** The disk and the forecast as the page shows them. */
    public record Disk(String used, String total, String free, double usedPercent, String usedWidth, String targetLeft,
                       int targetPercent, String level, String footage, String writeRate, String daysKept,
                       String limit) implements Serializable {
    }

    /** One line of the per-camera table. */
    public record CameraRow(String cameraId, String name, boolean configured, String retention, String bytes,
                            long bytesValue, long segments, String oldest, String newest, String shareWidth,
                            Long thumbnailSegment) implements Serializable {
    }

    /** One line of the holds table. */
    public record HoldRow(long id, String cameraId, String stream, String from, String to, String reason,
                         String createdBy, String createdAt, long segments) implements Serializable {
    }

    private Disk disk;
    private String diskError;
    private List<CameraRow> cameras = List.of();
    private List<HoldRow> holds = List.of();
    private Map<String, List<String>> streamsByCamera = Map.of();
    private AuditPages audit;
    private String auditCamera;
    private String auditReason;

    private String holdCamera;
    private String holdStream;
    private LocalDateTime holdFrom;
    private LocalDateTime holdTo;
    private String holdReason;

    @PostConstruct
    void init() {
        audit = new AuditPages(queries);
        refresh();
    }

    /** Reads everything again (after an action, or the refresh button). */
    public void refresh() {
        ZoneId zone = zone();
        KeyframeSettings.Cleanup cleanup = settings().cleanup();
        StorageReport report = null;
        try {
            report = overview.report();
            disk = disk(report, cleanup);
            diskError = null;
        } catch (ApiException e) {
            disk = null;
            diskError = e.getMessage();
        }
        Map<String, Camera> configured = new TreeMap<>();
        cameraStore.all().forEach(c -> configured.put(c.id().value(), c));
        Map<String, List<String>> streams = new TreeMap<>();
        configured.forEach((id, c) -> streams.put(id, c.streams().stream().map(s -> s.id().value()).toList()));
        List<CameraRow> rows = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(configured.keySet());
        Map<String, StorageReport.Footage> footage = new TreeMap<>();
        if (report != null) {
            report.cameras().forEach(f -> footage.put(f.cameraId(), f));
            ids.addAll(footage.keySet());
        }
        long total = report == null ? 0 : report.footage().bytes();
        for (String id : ids) {
            Camera camera = configured.get(id);
            StorageReport.Footage f = footage.get(id);
            long bytes = f == null ? 0 : f.bytes();
            Long thumbnail = f == null ? null : segmentStore.newest(id, null).map(s -> s.id()).orElse(null);
            rows.add(new CameraRow(id, camera == null ? "(removed camera)" : camera.name(), camera != null,
                    retention(camera, cleanup.maxRetentionDays()), StorageFigures.bytes(bytes), bytes,
                    f == null ? 0 : f.segments(), StorageFigures.time(f == null ? null : f.oldest(), zone),
                    StorageFigures.time(f == null ? null : f.newest(), zone),
                    StorageFigures.cssPercent(total == 0 ? 0 : bytes * 100.0 / total), thumbnail));
            streams.putIfAbsent(id, List.of());
        }
        cameras = List.copyOf(rows);
        streamsByCamera = streams;
        holds = holdStore.list(null).stream().map(h -> new HoldRow(h.id(), h.cameraId(),
                h.segmentId() != null ? "segment " + h.segmentId() : h.streamId() == null ? "all streams" : h.streamId(),
                StorageFigures.time(h.from(), zone), StorageFigures.time(h.to(), zone),
                h.reason() == null ? "" : h.reason(), h.createdBy(), StorageFigures.time(h.createdAt(), zone),
                h.segments())).toList();
    }

    private static Disk disk(StorageReport report, KeyframeSettings.Cleanup cleanup) {
        var d = report.disk();
        var rate = report.writeRate();
        var forecast = report.forecast();
        return new Disk(StorageFigures.bytes(d.usedBytes()), StorageFigures.bytes(d.totalBytes()),
                StorageFigures.bytes(d.totalBytes() - d.usedBytes()), Math.round(d.usedPercent() * 10) / 10.0,
                StorageFigures.cssPercent(d.usedPercent()), StorageFigures.cssPercent(cleanup.maxDiskUsagePercent()),
                cleanup.maxDiskUsagePercent(), StorageFigures.level(d.usedPercent(), cleanup.maxDiskUsagePercent()),
                StorageFigures.bytes(report.footage().bytes()),
                rate == null ? "—" : StorageFigures.bytes(rate.bytesPerDay()) + " per day",
                forecast.daysKept() == null ? "—" : StorageFigures.days(forecast.daysKept()),
                StorageFigures.limit(report, cleanup.maxDiskUsagePercent(), cleanup.maxRetentionDays()));
    }

    /** {@code 14 days}, {@code global (30 days)}, plus streams with their own days. */
    private static String retention(Camera camera, int globalDays) {
        String global = globalDays == 0 ? "kept by age forever" : globalDays + " days";
        if (camera == null) {
            return "global (" + global + ")";
        }
        StringBuilder text = new StringBuilder(camera.retentionDays() == null ? "global (" + global + ")"
                : camera.retentionDays() + " days");
        for (CameraStream stream : camera.streams()) {
            if (stream.retentionDays() != null) {
                text.append(", ").append(stream.id().value()).append(": ").append(stream.retentionDays()).append(" days");
            }
        }
        return text.toString();
    }

    // ---- legal holds

    /** Places the hold of the form; errors go next to their fields. */
    public void addHold() {
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean ok = true;
        if (holdCamera == null || holdCamera.isBlank()) {
            error(faces, "holdCamera", "Choose a camera.");
            ok = false;
        }
        if (holdFrom == null) {
            error(faces, "holdFrom", "Enter the start of the range.");
            ok = false;
        }
        if (holdTo == null) {
            error(faces, "holdTo", "Enter the end of the range.");
            ok = false;
        }
        if (holdFrom != null && holdTo != null && !holdTo.isAfter(holdFrom)) {
            error(faces, "holdTo", "The end must be after the start.");
            ok = false;
        }
        if (holdReason != null && holdReason.length() > LegalHolds.MAX_REASON) {
            error(faces, "holdReason", "At most " + LegalHolds.MAX_REASON + " characters.");
            ok = false;
        }
        if (!ok) {
            faces.validationFailed();
            return;
        }
        ZoneId zone = zone();
        try {
            String stream = holdStream == null || holdStream.isBlank() ? null : holdStream;
            HoldStore.Hold hold = legalHolds.holdRange(CameraId.of(holdCamera), stream == null ? null : StreamId.of(stream),
                    holdFrom.atZone(zone).toInstant(), holdTo.atZone(zone).toInstant(),
                    holdReason == null || holdReason.isBlank() ? null : holdReason.strip(), actor(faces));
            info(faces, "Hold " + hold.id() + " placed", hold.segments() + " segments of " + hold.cameraId() + " are held.");
            holdFrom = null;
            holdTo = null;
            holdReason = null;
            refresh();
        } catch (ApiException e) {
            String field = e.getMessage().startsWith("camera_id") || e.status() == 404 ? "holdCamera"
                    : e.getMessage().startsWith("stream_id") ? "holdStream"
                    : e.getMessage().startsWith("reason") ? "holdReason" : "holdTo";
            error(faces, field, e.getMessage());
            faces.validationFailed();
        }
    }

    /** Releases hold {@code id} (after the page's confirmation). */
    public void release(long id) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (holdStore.release(id)) {
            LOG.info("hold " + id + " released by " + actor(faces) + " on the Storage page");
            info(faces, "Hold " + id + " released", "Its footage is subject to retention again.");
        } else {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "No hold " + id,
                    "It was released already."));
        }
        refresh();
    }

    /** The stream choices of the form's camera. */
    public List<String> getHoldStreams() {
        return holdCamera == null ? List.of() : streamsByCamera.getOrDefault(holdCamera, List.of());
    }

    public void holdCameraChanged() {
        holdStream = null;
    }

    // ---- cleanup

    /** {@code POST /cleanup/run}: one retention run now. */
    public void runCleanup(boolean overrideSafetyStop) {
        FacesContext faces = FacesContext.getCurrentInstance();
        var run = retention.run(actor(faces), overrideSafetyStop);
        if (run.isEmpty()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "Cleanup is already running",
                    "Try again when it has finished."));
        } else if (run.get().error() != null) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Cleanup failed", run.get().error()));
        } else {
            info(faces, "Cleanup done", summary(run.get()));
        }
        refresh();
        auditFilterChanged();
    }

    public String getLastRun() {
        return retention.lastRun().map(run -> StorageFigures.time(run.finished(), zone()) + " by " + run.actor() + ": "
                + summary(run)).orElse("none since the server started");
    }

    static String summary(RetentionService.RunReport run) {
        long segments = 0;
        long bytes = 0;
        for (long[] n : run.deleted().values()) {
            segments += n[0];
            bytes += n[1];
        }
        String text = segments == 0 ? "nothing to delete" : "deleted " + segments + " segments, "
                + StorageFigures.bytes(bytes);
        return run.safetyStop() == null ? text : text + "; safety stop: " + run.safetyStop();
    }

    public String getSafetyStop() {
        return retention.alert().orElse(null);
    }

    public boolean isCleanupRunning() {
        return retention.isRunning();
    }

    public KeyframeSettings.Cleanup getCleanup() {
        return settings().cleanup();
    }

    /** {@code 30 days (cameras may keep less)}, or {@code no limit}. */
    public String getMaxRetention() {
        int days = settings().cleanup().maxRetentionDays();
        return days == 0 ? "no limit (cameras may set one)" : days + " days (cameras may keep less)";
    }

    public String getCheckInterval() {
        return StorageFigures.interval(settings().cleanup().checkInterval());
    }

    /** Event types with their own retention days, e.g. {@code motion: 90 days}. */
    public String getEventRetention() {
        Map<String, Integer> days = new TreeMap<>(settings().cleanup().eventRetentionDays());
        if (days.isEmpty()) {
            return "none";
        }
        return String.join(", ", days.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + " days").toList());
    }

    // ---- audit

    /** New filters: the audit table starts again at its first page. */
    public void auditFilterChanged() {
        audit.filter(auditCamera, auditReason);
        var table = FacesContext.getCurrentInstance().getViewRoot().findComponent(AUDIT_TABLE);
        if (table instanceof org.primefaces.component.datatable.DataTable dataTable) {
            dataTable.setFirst(0);
        }
    }

    /** Reasons to filter the audit by: retention's and reconciliation's. */
    public List<String> getAuditReasons() {
        List<String> reasons = new ArrayList<>();
        for (DeletionReason reason : DeletionReason.values()) {
            reasons.add(reason.wireName());
        }
        reasons.addAll(List.of(RetentionService.NO_EVENT, "reconcile_missing_file", "reconcile_unplayable",
                "reconcile_added"));
        return reasons;
    }

    public String time(Instant instant) {
        return StorageFigures.time(instant, zone());
    }

    public String bytes(Long bytes) {
        return bytes == null ? "—" : StorageFigures.bytes(bytes);
    }

    // ---- helpers

    private KeyframeSettings settings() {
        return settingsSource.get();
    }

    private static ZoneId zone() {
        return ZoneId.systemDefault();
    }

    private static String actor(FacesContext faces) {
        return Actors.of(faces.getExternalContext().getUserPrincipal());
    }

    private static void error(FacesContext faces, String field, String message) {
        faces.addMessage(HOLD_FORM + ":" + field, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message));
    }

    private static void info(FacesContext faces, String summary, String detail) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, detail));
    }

    // ---- properties

    public Disk getDisk() {
        return disk;
    }

    public String getDiskError() {
        return diskError;
    }

    public List<CameraRow> getCameras() {
        return cameras;
    }

    public List<String> getCameraIds() {
        return List.copyOf(streamsByCamera.keySet());
    }

    public List<HoldRow> getHolds() {
        return holds;
    }

    public AuditPages getAudit() {
        return audit;
    }

    public String getAuditCamera() {
        return auditCamera;
    }

    public void setAuditCamera(String auditCamera) {
        this.auditCamera = auditCamera == null || auditCamera.isBlank() ? null : auditCamera;
    }

    public String getAuditReason() {
        return auditReason;
    }

    public void setAuditReason(String auditReason) {
        this.auditReason = auditReason == null || auditReason.isBlank() ? null : auditReason;
    }

    public String getHoldCamera() {
        return holdCamera;
    }

    public void setHoldCamera(String holdCamera) {
        this.holdCamera = holdCamera;
    }

    public String getHoldStream() {
        return holdStream;
    }

    public void setHoldStream(String holdStream) {
        this.holdStream = holdStream;
    }

    public LocalDateTime getHoldFrom() {
        return holdFrom;
    }

    public void setHoldFrom(LocalDateTime holdFrom) {
        this.holdFrom = holdFrom;
    }

    public LocalDateTime getHoldTo() {
        return holdTo;
    }

    public void setHoldTo(LocalDateTime holdTo) {
        this.holdTo = holdTo;
    }

    public String getHoldReason() {
        return holdReason;
    }

    public void setHoldReason(String holdReason) {
        this.holdReason = holdReason;
    }

    public String getZone() {
        return zone().getId();
    }
}
