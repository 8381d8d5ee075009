package io.keyframe.export.boundary;

import io.keyframe.camera.control.CameraStore;
import io.keyframe.camera.entity.Camera;
import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.CameraStream;
import io.keyframe.camera.entity.StreamId;
import io.keyframe.export.control.ExportCache;
import io.keyframe.export.control.ExportPlan;
import io.keyframe.export.control.ExportSegments;
import io.keyframe.export.entity.ExportRange;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.security.RateLimited;
import io.keyframe.security.Footage;
import io.keyframe.security.Roles;
import io.keyframe.segment.boundary.RangedFile;
import io.keyframe.segment.control.ServedFile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET|HEAD /cameras/{camera_id}/export?from&to[&stream_id][&disposition=inline]}: one MP4
 * of a time range, joined across segments by stream copy, from the keyframe at or before
 * {@code from} to {@code to}. The file is built once and kept in the {@link ExportCache}, so it is
 * answered like a segment: ranges, ETag, conditional requests; a browser can seek in it.
 */
@Footage(Footage.Source.CAMERA_ID)
@Path("/cameras/{camera_id}/export")
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@RateLimited(RateLimited.Kind.EXPORT)
public class ExportResource {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    CameraStore cameras;

    @Inject
    ExportSegments segments;

    @Inject
    ExportCache cache;

    @GET
    public Response export(@PathParam("camera_id") String cameraId, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("stream_id") String streamId,
                           @QueryParam("disposition") String disposition, @HeaderParam("Range") String range,
                           @HeaderParam("If-Range") String ifRange, @Context Request request) {
        return answer(cameraId, from, to, streamId, disposition, range, ifRange, request, false);
    }

    @HEAD
    public Response head(@PathParam("camera_id") String cameraId, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("stream_id") String streamId,
                         @QueryParam("disposition") String disposition, @HeaderParam("Range") String range,
                         @HeaderParam("If-Range") String ifRange, @Context Request request) {
        return answer(cameraId, from, to, streamId, disposition, range, ifRange, request, true);
    }

    private Response answer(String cameraId, String from, String to, String streamId, String disposition,
                            String range, String ifRange, Request request, boolean head) {
        CameraId camera = CameraId.of(cameraId);
        StreamId requested = streamId == null ? null : StreamId.of(streamId);
        RangedFile.Disposition mode = disposition(disposition);
        ExportRange wanted = ExportRange.parse(from, to);
        Camera configured = cameras.get(camera);
        StreamId stream = requested != null ? requested : primaryStream(configured);
        ExportPlan plan = ExportPlan.of(segments.overlapping(camera.value(), stream.value(), wanted), wanted);
        String name = camera + "_" + stream + "_" + STAMP.format(wanted.from()) + "_" + STAMP.format(wanted.to()) + ".mp4";
        ExportCache.Entry entry = cache.get(camera.value(), stream.value(), plan, name);
        ServedFile file = describe(entry, name);
        return Response.fromResponse(RangedFile.answer(file, range, ifRange, request, head, mode,
                        () -> open(entry), "export " + name))
                .header("Cache-Control", "private, no-cache").build();
    }

    private static RangedFile.Disposition disposition(String value) {
        if (value == null || value.isBlank() || value.equals("attachment")) {
            return RangedFile.Disposition.ATTACHMENT;
        }
        if (value.equals("inline")) {
            return RangedFile.Disposition.INLINE;
        }
        throw ApiException.badRequest("disposition must be attachment or inline");
    }

    private static ServedFile describe(ExportCache.Entry entry, String name) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(entry.file(), BasicFileAttributes.class);
            return new ServedFile(0, entry.file(), attributes.size(),
                    attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS),
                    "export-" + entry.key() + "-" + Long.toHexString(attributes.size()), name);
        } catch (IOException e) {
            throw new ApiException(503, "the export was evicted before it could be sent; ask again");
        }
    }

    private static FileChannel open(ExportCache.Entry entry) {
        try {
            return FileChannel.open(entry.file(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ApiException(503, "the export was evicted before it could be sent; ask again");
        } catch (IOException e) {
            throw new ApiException(503, "the export cannot be read now");
        }
    }

    private static StreamId primaryStream(Camera camera) {
        return camera.primaryStream().or(() -> camera.streams().stream().findFirst()).map(CameraStream::id)
                .orElseThrow(() -> ApiException.notFound("camera " + camera.id() + " has no stream"));
    }
}
