package io.keyframe.retention.boundary;

import io.keyframe.platform.config.KeyframeSettings;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.retention.control.DiskSpace;
import io.keyframe.retention.control.RetentionService;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /cleanup/status}: the retention settings, the last run and the safety-stop alert.
 * {@code POST /cleanup/run[?override_safety_stop=true]}: one run now (409 while one is running);
 * the override is the operator's confirmation after a safety stop.
 */
@Path("/cleanup")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CleanupResource {

    @Inject
    RetentionService retention;

    @Inject
    KeyframeSettings settings;

    @GET
    @Path("status")
    public JsonObject status() {
        KeyframeSettings.Cleanup cleanup = settings.cleanup();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("enabled", cleanup.enabled())
                .add("max_retention_days", cleanup.maxRetentionDays())
                .add("max_disk_usage_percent", cleanup.maxDiskUsagePercent())
                .add("hysteresis_percent", cleanup.hysteresisPercent())
                .add("safety_max_share_percent", cleanup.safetyMaxSharePercent())
                .add("check_interval_secs", cleanup.checkInterval().toSeconds())
                .add("running", retention.isRunning());
        JsonObjectBuilder events = Json.createObjectBuilder();
        cleanup.eventRetentionDays().forEach(events::add);
        json.add("event_retention_days", events);
        retention.alert().ifPresentOrElse(a -> json.add("safety_stop", a), () -> json.addNull("safety_stop"));
        retention.lastRun().ifPresentOrElse(run -> json.add("last_run", run(run)), () -> json.addNull("last_run"));
        return json.build();
    }

    @POST
    @Path("run")
    public JsonObject run(@QueryParam("override_safety_stop") String override, @Context SecurityContext security) {
        boolean confirmed = PruneResource.dryRun(override == null ? null : override.trim());
        return retention.run(Actors.of(security), confirmed).map(CleanupResource::run)
                .orElseThrow(() -> ApiException.conflict("a retention run is in progress; try again when it has finished"));
    }

    static JsonObject run(RetentionService.RunReport run) {
        JsonObjectBuilder deleted = Json.createObjectBuilder();
        run.deleted().forEach((reason, n) -> deleted.add(reason,
                Json.createObjectBuilder().add("segments", n[0]).add("bytes", n[1])));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("actor", run.actor())
                .add("started", run.started().toString())
                .add("finished", run.finished().toString())
                .add("deleted", deleted)
                .add("disk_target_reached", run.diskTargetReached());
        disk(json, "disk_before", run.diskBefore());
        disk(json, "disk_after", run.diskAfter());
        if (run.safetyStop() == null) {
            json.addNull("safety_stop");
        } else {
            json.add("safety_stop", run.safetyStop());
        }
        if (run.error() == null) {
            json.addNull("error");
        } else {
            json.add("error", run.error());
        }
        return json.build();
    }

    private static void disk(JsonObjectBuilder json, String name, DiskSpace disk) {
        if (disk == null) {
            json.addNull(name);
        } else {
            json.add(name, Json.createObjectBuilder().add("total_bytes", disk.totalBytes())
                    .add("used_bytes", disk.usedBytes()).add("used_percent", Math.round(disk.usedPercent() * 10) / 10.0));
        }
    }
}
