package io.keyframe.recording.control;

import java.time.Instant;

/**
 * Health numbers of one running recording, sampled from the media engine (never from the video
 * buffers themselves). Counters start at zero with each recorder, that is after every reconnect.
 *
 * @param packetsReceived     RTP packets that reached the jitter buffers (pushed on, late or duplicate), all tracks
 * @param packetsLost         RTP packets never received: sequence-number gaps the jitter buffers gave up on
 * @param packetsLate         packets that arrived after they had been given up as lost (already in {@code packetsLost})
 * @param packetsDuplicate    packets received twice (dropped)
 * @param dropRateLastMinute  lost / (lost + pushed on) over the last minute (or since the first sample, if younger); 0..1
 * @param dropRateSinceStart  the same ratio since the recorder started; 0..1
 * @param bitrateBps          video bit rate (elementary stream after the parser, no RTP headers, no audio) over
 *                            the last sampling window, in bit/s
 * @param fps                 video frames per second that reached the muxer, over the last sampling window
 * @param keyframeIntervalSecs mean time between keyframes over the last minute; {@code null} until two keyframes were seen
 * @param sampledAt           when the engine was read; {@code null} in {@link #EMPTY}
 */
public record StreamStats(long packetsReceived, long packetsLost, long packetsLate, long packetsDuplicate,
                          double dropRateLastMinute, double dropRateSinceStart, long bitrateBps, double fps,
                          Double keyframeIntervalSecs, Instant sampledAt) {

    /** Nothing sampled (yet): no recorder, or no pipeline running. */
    public static final StreamStats EMPTY = new StreamStats(0, 0, 0, 0, 0, 0, 0, 0, null, null);

    /** Whether these are real numbers rather than {@link #EMPTY}. */
    public boolean sampled() {
        return sampledAt != null;
    }
}
