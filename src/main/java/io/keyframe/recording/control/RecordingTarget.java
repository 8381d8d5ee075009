package io.keyframe.recording.control;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a {@link Recorder} needs to record one stream.
 *
 * @param url             the RTSP URL without user information (credentials travel separately)
 * @param username        RTSP user name, or {@code null}
 * @param password        RTSP password, or {@code null}; never logged, never in a pipeline description
 * @param primary         the camera's primary stream keeps the spec's file names
 * @param recordingRoot   where the dated folder tree starts
 * @param segmentDuration target length of one file; files are cut on the next keyframe after it
 */
public record RecordingTarget(CameraId cameraId, StreamId streamId, boolean primary, URI url,
                              String username, String password, Transport transport,
                              Path recordingRoot, Duration segmentDuration) {

    @Override
    public String toString() {
        // never print the password
        return "RecordingTarget[" + cameraId + "/" + streamId + " " + url + " " + transport + "]";
    }
}
