package io.keyframe.recording.control;

/** Creates recorders; the CDI bean in {@code io.keyframe.gstreamer} is the real one. */
public interface RecorderFactory {

    Recorder create(RecordingTarget target, RecorderListener listener);
}
