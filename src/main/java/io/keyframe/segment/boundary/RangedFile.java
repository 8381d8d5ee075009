package io.keyframe.segment.boundary;

import io.keyframe.platform.rest.ApiError;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.segment.control.ByteRange;
import io.keyframe.segment.control.ServedFile;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.channels.FileChannel;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.function.Supplier;

/**
 * The HTTP answer for a file on disk, shared by segment downloads, renditions and exports: single
 * ranges ({@code 206}, {@code 416}), a strong ETag and Last-Modified honoured through
 * {@code If-None-Match}, {@code If-Modified-Since}, {@code If-Match} and {@code If-Range},
 * {@code Accept-Ranges}, {@code nosniff} and a safe {@code Content-Disposition}. The body is
 * streamed from a channel opened before the response starts ({@link FileBody}).
 */
public final class RangedFile {

    public static final String VIDEO_MP4 = "video/mp4";

    private RangedFile() {
    }

    /** How the browser should treat the file: play it in place or save it. */
    public enum Disposition {
        INLINE, ATTACHMENT;

        String header(String name) {
            return (this == INLINE ? "inline" : "attachment") + "; filename=\"" + name + "\"";
        }
    }

    /**
     * Answers a GET or HEAD for {@code file}.
     *
     * @param range   the {@code Range} header or {@code null}
     * @param ifRange the {@code If-Range} header or {@code null}
     * @param opener  opens the file for the body (called only for a GET that sends bytes)
     * @param label   names the file in log lines, e.g. {@code segment 42}
     */
    public static Response answer(ServedFile file, String range, String ifRange, Request request, boolean head,
                                  Disposition disposition, Supplier<FileChannel> opener, String label) {
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
                .header("Content-Disposition", disposition.header(file.downloadName()));
        if (!head) {
            builder.entity(new FileBody(opener.get(), first, length, label));
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
}
