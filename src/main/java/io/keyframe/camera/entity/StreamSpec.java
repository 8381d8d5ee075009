package io.keyframe.camera.entity;

import io.keyframe.platform.rest.ApiException;
import io.keyframe.recording.control.Transport;
import java.net.URI;

/**
 * A validated stream of a {@link CameraSpec}. The URL never holds credentials: user information
 * in the URL the client sent is split into {@code username} and {@code password}.
 *
 * @param retentionDays days this stream's footage is kept, overriding the camera's; null for the camera's
 * @param passwordGiven whether the request said anything about the password; on PUT, a stream
 *                      whose request omits it keeps the stored one
 */
public record StreamSpec(StreamId id, URI url, String username, String password, boolean passwordGiven,
                         boolean primary, Transport transport, Integer retentionDays) {

    public StreamSpec {
        if (retentionDays != null && (retentionDays < 0 || retentionDays > 36500)) {
            throw ApiException.badRequest("retention_days of a stream must be a whole number from 0 to 36500");
        }
        if (username != null && username.length() > 256) {
            throw ApiException.badRequest("username must be at most 256 characters");
        }
        if (password != null && password.length() > 512) {
            throw ApiException.badRequest("password must be at most 512 characters");
        }
    }

    /** Builds a spec from the request's fields; explicit username/password win over the URL's. */
    public static StreamSpec of(StreamId id, String rawUrl, String username, String password, boolean passwordGiven,
                                boolean primary, Transport transport) {
        return of(id, rawUrl, username, password, passwordGiven, primary, transport, null);
    }

    /** Like {@link #of(StreamId, String, String, String, boolean, boolean, Transport)}, with the stream's own retention. */
    public static StreamSpec of(StreamId id, String rawUrl, String username, String password, boolean passwordGiven,
                                boolean primary, Transport transport, Integer retentionDays) {
        RtspUrl url = RtspUrl.parse(rawUrl);
        String user = username != null ? username : url.username();
        String pass = passwordGiven ? password : url.password();
        boolean given = passwordGiven || url.password() != null;
        return new StreamSpec(id, url.withoutCredentials(), emptyToNull(user), emptyToNull(pass), given, primary, transport,
                retentionDays);
    }

    StreamSpec asPrimary() {
        return new StreamSpec(id, url, username, password, passwordGiven, true, transport, retentionDays);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return "StreamSpec[" + id + " " + url + " " + transport + (primary ? " primary" : "") + "]";
    }
}
