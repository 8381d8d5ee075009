package io.keyframe.recording.control;

/** Fired once start-up recovery has made files and rows agree, before recordings resume. */
public record StartupRecovered() {
}
