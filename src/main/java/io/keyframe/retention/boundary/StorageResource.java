package io.keyframe.retention.boundary;

import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.retention.control.DiskSpace;
import io.keyframe.retention.control.StorageOverview;
import io.keyframe.retention.control.StorageReport.Footage;
import io.keyframe.retention.control.StorageReport.Forecast;
import io.keyframe.retention.control.StorageReport.WriteRate;
import io.keyframe.retention.control.StorageReport;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /storage}: the recording filesystem, the footage on it in total and per camera, the
 * write rate of the last day and how many days of footage the cleanup limits leave room for.
 */
@Path("/storage")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class StorageResource {

    @Inject
    StorageOverview overview;

    @Inject
    KeyframeSettings settings;

    @GET
    public JsonObject report() {
        return render(settings.recordingRoot(), overview.report(), settings.cleanup());
    }

    static JsonObject render(java.nio.file.Path root, StorageReport report, KeyframeSettings.Cleanup cleanup) {
        DiskSpace disk = report.disk();
        JsonArrayBuilder cameras = Json.createArrayBuilder();
        for (Footage f : report.cameras()) {
            cameras.add(Json.createObjectBuilder().add("camera_id", f.cameraId()).addAll(footage(f)));
        }
        WriteRate rate = report.writeRate();
        Forecast forecast = report.forecast();
        return Json.createObjectBuilder()
                .add("disk", Json.createObjectBuilder().add("path", root.toString())
                        .add("total_bytes", disk.totalBytes()).add("used_bytes", disk.usedBytes())
                        .add("free_bytes", disk.totalBytes() - disk.usedBytes())
                        .add("used_percent", round(disk.usedPercent(), 2)))
                .add("footage", footage(report.footage()))
                .add("cameras", cameras)
                .add("write_rate", Json.createObjectBuilder()
                        .add("bytes_per_day", rate == null ? JsonValue.NULL : Json.createValue(rate.bytesPerDay()))
                        .add("window_hours", rate == null ? JsonValue.NULL
                                : Json.createValue(round(rate.window().toMillis() / 3_600_000.0, 3))))
                .add("forecast", Json.createObjectBuilder()
                        .add("footage_capacity_bytes", forecast.footageCapacityBytes())
                        .add("days_kept", forecast.daysKept() == null ? JsonValue.NULL
                                : Json.createValue(round(forecast.daysKept(), 2)))
                        .add("limited_by", forecast.limitedBy() == null ? JsonValue.NULL
                                : Json.createValue(forecast.limitedBy().json())))
                .add("cleanup", Json.createObjectBuilder().add("enabled", cleanup.enabled())
                        .add("max_retention_days", cleanup.maxRetentionDays())
                        .add("max_disk_usage_percent", cleanup.maxDiskUsagePercent())
                        .add("check_interval_secs", cleanup.checkInterval().toSeconds()))
                .build();
    }

    private static JsonObjectBuilder footage(Footage f) {
        return Json.createObjectBuilder().add("bytes", f.bytes()).add("segments", f.segments())
                .add("oldest", f.oldest() == null ? JsonValue.NULL : Json.createValue(f.oldest().toString()))
                .add("newest", f.newest() == null ? JsonValue.NULL : Json.createValue(f.newest().toString()));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
