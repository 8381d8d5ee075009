package io.keyframe.security;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets per key (a user name or a client address): each holds up to {@code perMinute}
 * requests and refills continuously at {@code perMinute} per minute, so a burst of a whole
 * minute's allowance passes at once and then requests pass at the steady rate. A request costs one
 * token whatever its size (the Range requests of one playback are cheap). Memory is bounded: at
 * most {@code maxKeys} buckets; when full, buckets that have refilled completely (idle keys, same
 * as absent) are dropped first, then the least recently used.
 */
public final class RateLimiter {

    private final int perMinute;
    private final int maxKeys;
    private final Clock clock;
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long updatedMillis) {
            this.tokens = tokens;
            this.updatedMillis = updatedMillis;
        }
    }

    /** {@code perMinute} 0 turns the limit off. */
    public RateLimiter(int perMinute, int maxKeys, Clock clock) {
        if (perMinute < 0 || maxKeys < 1) {
            throw new IllegalArgumentException("perMinute >= 0 and maxKeys >= 1");
        }
        this.perMinute = perMinute;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /**
     * Takes one token for {@code key}: 0 when the request may pass, otherwise the whole seconds
     * (at least 1) until the next token, for {@code Retry-After}.
     */
    public synchronized long acquire(String key) {
        if (perMinute == 0) {
            return 0;
        }
        long now = clock.millis();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            makeRoom(now);
            bucket = new Bucket(perMinute, now);
            buckets.put(key, bucket);
        } else {
            refill(bucket, now);
        }
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        double missingMillis = (1 - bucket.tokens) * 60_000.0 / perMinute;
        return Math.max(1, (long) Math.ceil(missingMillis / 1000.0));
    }

    /** How many buckets are held (for tests). */
    public synchronized int size() {
        return buckets.size();
    }

    private void refill(Bucket bucket, long now) {
        long elapsed = Math.max(0, now - bucket.updatedMillis);
        bucket.tokens = Math.min(perMinute, bucket.tokens + elapsed * perMinute / 60_000.0);
        bucket.updatedMillis = now;
    }

    private void makeRoom(long now) {
        if (buckets.size() < maxKeys) {
            return;
        }
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket bucket = it.next();
            refill(bucket, now);
            if (bucket.tokens >= perMinute) {
                it.remove();
            }
        }
        Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
        while (buckets.size() >= maxKeys && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }
}
