package io.keyframe.segment.boundary;

import io.keyframe.platform.rest.ApiException;
import io.keyframe.security.RateLimited;
import io.keyframe.security.Footage;
import io.keyframe.security.Roles;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET|HEAD /segments/{id}/file}: the MP4 of one segment with single-range support (206,
 * 416), a strong ETag and Last-Modified honoured through {@code If-None-Match},
 * {@code If-Modified-Since}, {@code If-Match} and {@code If-Range}. The path comes from the row
 * only ({@link SegmentFiles}); errors are JSON.
 */
@Footage(Footage.Source.SEGMENT_ID)
@Path("/segments/{id}/file")
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@RateLimited(RateLimited.Kind.DOWNLOAD)
public class SegmentFileResource {


    @Inject
    SegmentFiles files;

    @Inject
    H264Renditions renditions;

    @GET
    public Response get(@PathParam("id") String id, @QueryParam("format") String format,
                        @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
                        @Context Request request) {
        return answer(describe(id, format), range, ifRange, request, false);
    }

    @HEAD
    public Response head(@PathParam("id") String id, @QueryParam("format") String format,
                         @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
                         @Context Request request) {
        return answer(describe(id, format), range, ifRange, request, true);
    }

    /** The original file, or with {@code format=h264} its H.264 rendition (transcoded on first use). */
    private ServedFile describe(String id, String format) {
        long segmentId = segmentId(id);
        if (format != null && !format.isBlank() && !format.equals("original") && !format.equals("h264")) {
            throw ApiException.badRequest("format must be original or h264");
        }
        ServedFile original = files.describe(segmentId);
        return "h264".equals(format) ? files.rendition(original, renditions.h264(segmentId)) : original;
    }

    private Response answer(ServedFile file, String range, String ifRange, Request request, boolean head) {
        return RangedFile.answer(file, range, ifRange, request, head, RangedFile.Disposition.INLINE,
                () -> files.open(file), "segment " + file.id());
    }

    /** A positive whole number that fits a row id; anything else (.., -1, 10^30) is a 400. */
    public static long segmentId(String id) {
        return io.keyframe.platform.rest.Requests.id("a segment id", id);
    }
}
