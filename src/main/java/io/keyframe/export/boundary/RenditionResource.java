package io.keyframe.export.boundary;

import io.keyframe.export.control.Renditions;
import io.keyframe.platform.rest.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.file.Files;

/**
 * {@code GET /segments/{id}/rendition/h264}: the segment as H.264 MP4, for browsers that cannot
 * play H.265 (the whole file, with its length). {@code GET /segments/{id}/file?format=h264} is
 * meant to answer with the same.
 */
@Path("/segments/{id}/rendition/h264")
public class RenditionResource {

    @Inject
    Renditions renditions;

    @GET
    @Produces({ExportResource.VIDEO_MP4, MediaType.APPLICATION_JSON})
    public Response h264(@PathParam("id") String id) {
        java.nio.file.Path file = renditions.h264(segmentId(id));
        try {
            long length = Files.size(file);
            StreamingOutput body = out -> Files.copy(file, out);
            return Response.ok(body, ExportResource.VIDEO_MP4).header("Content-Length", length).build();
        } catch (IOException e) {
            throw new ApiException(500, "cannot read the rendition");
        }
    }

    private static long segmentId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiException.badRequest("the segment id must be a positive whole number");
    }
}
