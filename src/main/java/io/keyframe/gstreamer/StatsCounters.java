package io.keyframe.gstreamer;

import java.time.Instant;

/**
 * Cumulative counters read from one recording pipeline at one instant (all since the pipeline
 * started, summed over every jitter buffer, that is every RTP track).
 *
 * @param pushed     RTP packets the jitter buffers pushed on ({@code num-pushed})
 * @param lost       RTP packets declared lost ({@code num-lost})
 * @param late       packets that came after being declared lost ({@code num-late})
 * @param duplicates packets received twice ({@code num-duplicates})
 * @param videoBytes bytes of video after the parser (identity {@value PipelineDescriptions#METER})
 * @param frames     video frames after the parser (identity {@value PipelineDescriptions#METER})
 * @param keyframes  video keyframes (identity {@value PipelineDescriptions#KEYFRAMES})
 * @param at         when they were read
 */
record StatsCounters(long pushed, long lost, long late, long duplicates, long videoBytes, long frames, long keyframes,
                     Instant at) {

    /** Field by field sum; {@code at} is this one's. */
    StatsCounters plus(StatsCounters other) {
        return new StatsCounters(pushed + other.pushed, lost + other.lost, late + other.late, duplicates + other.duplicates,
                videoBytes + other.videoBytes, frames + other.frames, keyframes + other.keyframes, at);
    }
}
