package io.keyframe.retention.boundary;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.JsonInput;
import io.keyframe.platform.rest.Requests;
import io.keyframe.retention.control.HoldStore;
import io.keyframe.retention.control.LegalHolds;
import io.keyframe.retention.control.RetentionStore;
import io.keyframe.segment.boundary.SegmentFileResource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;

/** JSON of legal holds. */
final class HoldJson {

    private HoldJson() {
    }

    static String reason(JsonObject json) {
        String reason = JsonInput.string(json, "reason", "");
        LegalHolds.checkReason(reason);
        return reason;
    }

    static JsonObject render(HoldStore.Hold hold) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", hold.id())
                .add("camera_id", hold.cameraId())
                .add("from", hold.from().toString())
                .add("to", hold.to().toString())
                .add("created_by", hold.createdBy())
                .add("created_at", hold.createdAt().toString())
                .add("segments_held", hold.segments());
        nullable(json, "stream_id", hold.streamId());
        nullable(json, "reason", hold.reason());
        if (hold.segmentId() == null) {
            json.addNull("segment_id");
        } else {
            json.add("segment_id", hold.segmentId());
        }
        return json.build();
    }

    private static void nullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
