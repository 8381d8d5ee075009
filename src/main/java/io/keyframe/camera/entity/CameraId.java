package io.keyframe.camera.entity;

import io.keyframe.platform.rest.ApiException;
import java.util.regex.Pattern;

/** A camera's identifier, validated once: it reaches file paths and queries. */
public record CameraId(String value) {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public CameraId {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw ApiException.badRequest("camera_id must match [A-Za-z0-9_-]{1,64}");
        }
    }

    public static CameraId of(String value) {
        return new CameraId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
