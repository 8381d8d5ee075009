package io.keyframe.recording.control;

/** RTSP lower transport: TCP interleaved (default, survives NAT and loss) or UDP. */
public enum Transport {
    TCP, UDP
}
