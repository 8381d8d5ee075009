package io.keyframe.camera.entity;

import io.keyframe.platform.rest.ApiException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A validated camera as a client asked for it (POST or PUT). */
public record CameraSpec(CameraId id, String name, RecordingMode recordingMode, Integer retentionDays,
                         int preRollSecs, int postRollSecs, List<StreamSpec> streams, boolean acceptEvents,
                         AccessGroups accessGroups) {

    public static final int MAX_STREAMS = 8;

    /** A camera that, when {@code off}, ignores events. */
    public CameraSpec(CameraId id, String name, RecordingMode recordingMode, Integer retentionDays,
                      int preRollSecs, int postRollSecs, List<StreamSpec> streams) {
        this(id, name, recordingMode, retentionDays, preRollSecs, postRollSecs, streams, false);
    }

    /** A camera every viewer may see (no {@code access_groups}). */
    public CameraSpec(CameraId id, String name, RecordingMode recordingMode, Integer retentionDays,
                      int preRollSecs, int postRollSecs, List<StreamSpec> streams, boolean acceptEvents) {
        this(id, name, recordingMode, retentionDays, preRollSecs, postRollSecs, streams, acceptEvents, AccessGroups.NONE);
    }

    public CameraSpec {
        if (name == null || name.isBlank()) {
            name = id.value();
        }
        if (name.length() > 200) {
            throw ApiException.badRequest("name must be at most 200 characters");
        }
        if (retentionDays != null && (retentionDays < 0 || retentionDays > 36500)) {
            throw ApiException.badRequest("retention_days must be a whole number from 0 to 36500");
        }
        if (preRollSecs < 0 || preRollSecs > 300) {
            throw ApiException.badRequest("pre_roll_secs must be a whole number from 0 to 300");
        }
        if (postRollSecs < 0 || postRollSecs > 3600) {
            throw ApiException.badRequest("post_roll_secs must be a whole number from 0 to 3600");
        }
        if (streams == null || streams.isEmpty() || streams.size() > MAX_STREAMS) {
            throw ApiException.badRequest("streams must hold 1 to " + MAX_STREAMS + " streams");
        }
        Set<StreamId> ids = new HashSet<>();
        for (StreamSpec stream : streams) {
            if (!ids.add(stream.id())) {
                throw ApiException.badRequest("stream_id " + stream.id() + " appears twice");
            }
        }
        long primaries = streams.stream().filter(StreamSpec::primary).count();
        if (primaries == 0 && streams.size() == 1) {
            streams = List.of(streams.get(0).asPrimary());
        } else if (primaries != 1) {
            throw ApiException.badRequest("exactly one stream must be primary");
        }
        streams = List.copyOf(streams);
        if (accessGroups == null) {
            accessGroups = AccessGroups.NONE;
        }
    }
}
