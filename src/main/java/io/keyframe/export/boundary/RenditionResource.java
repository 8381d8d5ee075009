package io.keyframe.export.boundary;

import io.keyframe.security.RateLimited;
import io.keyframe.security.Footage;
import io.keyframe.security.Roles;
import io.keyframe.segment.boundary.RangedFile;
import io.keyframe.segment.boundary.SegmentFileResource;
import io.keyframe.segment.control.H264Renditions;
import io.keyframe.segment.control.SegmentFiles;
import io.keyframe.segment.control.ServedFile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET|HEAD /segments/{id}/rendition/h264}: the segment as H.264 MP4, for browsers that
 * cannot play H.265; the same answer as {@code GET /segments/{id}/file?format=h264}, ranges included.
 */
@Footage(Footage.Source.SEGMENT_ID)
@Path("/segments/{id}/rendition/h264")
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@RateLimited(RateLimited.Kind.DOWNLOAD)
public class RenditionResource {

    @Inject
    SegmentFiles files;

    @Inject
    H264Renditions renditions;

    @GET
    public Response get(@PathParam("id") String id, @HeaderParam("Range") String range,
                        @HeaderParam("If-Range") String ifRange, @Context Request request) {
        return answer(id, range, ifRange, request, false);
    }

    @HEAD
    public Response head(@PathParam("id") String id, @HeaderParam("Range") String range,
                         @HeaderParam("If-Range") String ifRange, @Context Request request) {
        return answer(id, range, ifRange, request, true);
    }

    private Response answer(String id, String range, String ifRange, Request request, boolean head) {
        long segmentId = SegmentFileResource.segmentId(id);
        ServedFile file = files.rendition(files.describe(segmentId), renditions.h264(segmentId));
        return RangedFile.answer(file, range, ifRange, request, head, RangedFile.Disposition.INLINE,
                () -> files.open(file), "H.264 rendition of segment " + segmentId);
    }
}
