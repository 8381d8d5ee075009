package io.keyframe.recording.control;

import java.net.URI;

/**
 * Whether a camera accepts connections at all. While a camera is down a session probes it with a
 * plain TCP connect (cheap for both sides) instead of rebuilding a pipeline, so it notices the
 * camera's return within a second; exponential backoff applies to pipelines that fail once the
 * camera answers (wrong password, unsupported codec, a stream that ends at once).
 */
public interface Reachability {

    boolean reachable(URI rtspUrl);
}
