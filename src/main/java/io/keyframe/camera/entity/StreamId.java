package io.keyframe.camera.entity;

import io.keyframe.platform.rest.ApiException;

/** A stream's identifier within its camera, validated once like {@link CameraId}. */
public record StreamId(String value) {

    public StreamId {
        if (value == null || !CameraId.PATTERN.matcher(value).matches()) {
            throw ApiException.badRequest("stream_id must match [A-Za-z0-9_-]{1,64}");
        }
    }

    public static StreamId of(String value) {
        return new StreamId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
