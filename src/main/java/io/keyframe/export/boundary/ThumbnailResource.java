package io.keyframe.export.boundary;

import io.keyframe.export.control.Thumbnails;
import io.keyframe.platform.rest.ApiException;
import io.keyframe.platform.rest.Requests;
import io.keyframe.security.RateLimited;
import io.keyframe.security.Footage;
import io.keyframe.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * {@code GET /segments/{id}/thumbnail}: a JPEG of the segment's first keyframe, 320 pixels wide.
 * A closed segment never changes, so the answer may be cached for a day (privately: it is footage)
 * and carries a strong ETag; {@code If-None-Match} gives 304.
 */
@Footage(Footage.Source.SEGMENT_ID)
@Path("/segments/{id}/thumbnail")
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@RateLimited(RateLimited.Kind.DOWNLOAD)
public class ThumbnailResource {

    static final int MAX_AGE_SECS = 86_400;

    @Inject
    Thumbnails thumbnails;

    @GET
    public Response get(@PathParam("id") String id, @Context Request request) {
        long segmentId = Requests.id("a segment id", id);
        java.nio.file.Path file = thumbnails.jpeg(segmentId);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            // deleted with its segment between the two calls
            throw ApiException.notFound("no segment " + segmentId);
        }
        EntityTag tag = etag(segmentId, attributes.size(), attributes.lastModifiedTime().toMillis());
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(MAX_AGE_SECS);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(cache).build();
        }
        return Response.ok(file.toFile(), "image/jpeg").tag(tag).cacheControl(cache)
                .header("Content-Length", attributes.size()).build();
    }

    /** Strong: the same thumbnail file always has the same bytes. */
    static EntityTag etag(long segmentId, long size, long modifiedMillis) {
        return new EntityTag("t" + segmentId + "-" + Long.toHexString(modifiedMillis) + "-" + Long.toHexString(size));
    }
}
