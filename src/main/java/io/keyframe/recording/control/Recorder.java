package io.keyframe.recording.control;

import java.time.Duration;

/**
 * One running recording pipeline of one stream. The only implementation outside tests lives in
 * {@code io.keyframe.gstreamer}; a fake drives the unit tests of the StreamManager.
 *
 * <p>A recorder is used once: {@link #start()}, then exactly one of {@link #stop(Duration)} or
 * {@link #abort()}. Events arrive on the {@link RecorderListener} given to the factory.
 */
public interface Recorder {

    /** Starts connecting and recording; returns at once. */
    void start();

    /**
     * Ends the recording cleanly: sends end-of-stream so the file being written is finalised
     * ({@link RecorderListener#fragmentClosed} fires for it), waits at most {@code timeout}, then
     * releases every native resource. Blocks until done.
     */
    void stop(Duration timeout);

    /**
     * Releases every native resource now, without finalising (after an error or a stall). The
     * file being written stays playable up to its last moov update (robust muxing); the listener
     * gets no further events.
     */
    void abort();

    /**
     * The latest health numbers of this recording. Cheap and safe from any thread, at any time
     * (also while or after the recorder stops): implementations sample the engine at most every
     * couple of seconds and otherwise return the previous snapshot; {@link StreamStats#EMPTY}
     * before the first sample.
     */
    default StreamStats stats() {
        return StreamStats.EMPTY;
    }
}
