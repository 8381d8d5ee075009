package io.keyframe.export.boundary;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.export.control.ExportPlan;
import io.keyframe.export.control.ExportSegments;
import io.keyframe.export.control.Exporter;
import io.keyframe.export.entity.ExportRange;
import io.keyframe.platform.rest.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code GET /cameras/{camera_id}/export?from&to[&stream_id]}: one MP4 of a time range, joined
 * across segments by stream copy, from the keyframe at or before {@code from} to {@code to}.
 */
@Path("/cameras/{camera_id}/export")
public class ExportResource {

    static final String VIDEO_MP4 = "video/mp4";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    CameraStore cameras;

    @Inject
    ExportSegments segments;

    @Inject
    Exporter exporter;

    @GET
    @Produces({VIDEO_MP4, MediaType.APPLICATION_JSON})
    public Response export(@PathParam("camera_id") String cameraId, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("stream_id") String streamId) {
        CameraId camera = CameraId.of(cameraId);
        StreamId requested = streamId == null ? null : StreamId.of(streamId);
        ExportRange range = ExportRange.parse(from, to);
        StreamId stream = requested != null ? requested : primaryStream(cameras.get(camera));
        if (requested != null) {
            cameras.get(camera);
        }
        ExportPlan plan = ExportPlan.of(segments.overlapping(camera.value(), stream.value(), range), range);
        String name = camera + "_" + stream + "_" + STAMP.format(range.from()) + "_" + STAMP.format(range.to()) + ".mp4";
        Exporter.ExportFile export = exporter.build(plan, name);
        try {
            long length = Files.size(export.file());
            StreamingOutput body = out -> {
                try {
                    Files.copy(export.file(), out);
                } finally {
                    export.delete();
                }
            };
            return Response.ok(body, VIDEO_MP4)
                    .header("Content-Length", length)
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (java.io.IOException | RuntimeException e) {
            export.delete();
            throw new ApiException(500, "the export failed; see the server log");
        }
    }

    private static StreamId primaryStream(Camera camera) {
        return camera.primaryStream().or(() -> camera.streams().stream().findFirst()).map(CameraStream::id)
                .orElseThrow(() -> ApiException.notFound("camera " + camera.id() + " has no stream"));
    }
}
