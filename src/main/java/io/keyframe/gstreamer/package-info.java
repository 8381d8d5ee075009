/**
 * The GStreamer side of recording: the only package of the product that imports
 * {@code org.freedesktop.gstreamer} or {@code com.sun.jna}.
 *
 * <p>{@link io.keyframe.gstreamer.GstRecorderFactory} (a CDI bean) creates
 * {@link io.keyframe.gstreamer.GstRecorder}s; each probes its camera with an RTSP DESCRIBE
 * ({@link io.keyframe.gstreamer.RtspDescribe}, {@link io.keyframe.gstreamer.Sdp}), builds a
 * pipeline from a description ({@link io.keyframe.gstreamer.PipelineDescriptions}) and reports
 * what splitmuxsink does to a {@link io.keyframe.recording.control.RecorderListener}. Video bytes
 * never reach Java.
 */
package io.keyframe.gstreamer;
