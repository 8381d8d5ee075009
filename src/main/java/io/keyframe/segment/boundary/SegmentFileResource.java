package io.keyframe.segment.boundary;

import io.keyframe.platform.rest.ApiError;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.segment.control.ByteRange;
import io.keyframe.segment.control.H264Renditions;
import io.keyframe.segment.control.SegmentFiles;
import io.keyframe.segment.control.ServedFile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.channels.FileChannel;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.regex.Pattern;

/**
 * {@code GET|HEAD /segments/{id}/file}: the MP4 of one segment with single-range support (206,
 * 416), a strong ETag and Last-Modified honoured through {@code If-None-Match},
 * {@code If-Modified-Since}, {@code If-Match} and {@code If-Range}. The path comes from the row
 * only ({@link SegmentFiles}); errors are JSON.
 */
@Path("/segments/{id}/file")
public class SegmentFileResource {

    static final String VIDEO_MP4 = "video/mp4";
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");

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
        EntityTag etag = new EntityTag(file.etag());
        Date modified = Date.from(file.lastModified());
        Response.ResponseBuilder precondition = request.evaluatePreconditions(modified, etag);
        if (precondition != null) {
            Response answer = precondition.build();
            if (answer.getStatus() != 304) {
                throw new ApiException(answer.getStatus(), "precondition failed");
            }
            return common(Response.notModified(), file).build();
        }
        ByteRange.Request wanted = rangeApplies(ifRange, file) ? ByteRange.parse(range, file.size()) : new ByteRange.Full();
        if (wanted instanceof ByteRange.Unsatisfiable) {
            Response error = ApiError.response(416, "range not satisfiable: the file has " + file.size() + " bytes");
            return common(Response.fromResponse(error), file)
                    .header("Content-Range", ByteRange.unsatisfiedRange(file.size())).build();
        }
        ByteRange slice = wanted instanceof ByteRange.Partial partial ? partial.range() : null;
        long first = slice == null ? 0 : slice.first();
        long length = slice == null ? file.size() : slice.length();
        Response.ResponseBuilder builder = slice == null ? Response.ok() : Response.status(206)
                .header("Content-Range", slice.contentRange(file.size()));
        common(builder, file).type(VIDEO_MP4).header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Content-Disposition", "inline; filename=\"" + file.downloadName() + "\"");
        if (!head) {
            FileChannel channel = files.open(file);
            builder.entity(new FileBody(channel, first, length, file.id()));
        }
        return builder.build();
    }

    private static Response.ResponseBuilder common(Response.ResponseBuilder builder, ServedFile file) {
        return builder.tag(new EntityTag(file.etag())).lastModified(Date.from(file.lastModified()))
                .header("Accept-Ranges", "bytes").header("X-Content-Type-Options", "nosniff");
    }

    /** {@code If-Range}: the range counts only if the validator still matches (strong ETag or exact date). */
    static boolean rangeApplies(String ifRange, ServedFile file) {
        if (ifRange == null || ifRange.isBlank()) {
            return true;
        }
        String value = ifRange.trim();
        if (value.startsWith("\"")) {
            return value.equals("\"" + file.etag() + "\"");
        }
        if (value.startsWith("W/")) {
            return false; // weak validators never match If-Range
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().equals(file.lastModified());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A positive whole number that fits a row id; anything else (.., -1, 10^30) is a 400. */
    static long segmentId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiException.badRequest("a segment id is a positive whole number");
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("a segment id is a positive whole number");
        }
    }
}
