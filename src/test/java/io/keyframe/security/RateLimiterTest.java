package io.keyframe.security;

import io.keyframe.testing.HandClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final HandClock clock = new HandClock();

    @Test
    void aMinutesAllowancePassesAtOnceThenTheNextWaits() {
        RateLimiter limiter = new RateLimiter(3, 100, clock);
        assertEquals(0, limiter.acquire("alice"));
        assertEquals(0, limiter.acquire("alice"));
        assertEquals(0, limiter.acquire("alice"));
        // one token per 20 s
        assertEquals(20, limiter.acquire("alice"));
        clock.advance(Duration.ofSeconds(15));
        assertEquals(5, limiter.acquire("alice"));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(0, limiter.acquire("alice"));
        assertEquals(20, limiter.acquire("alice"));
    }

    @Test
    void refusedRequestsCostNothingAndRetryAfterIsAtLeastOneSecond() {
        RateLimiter limiter = new RateLimiter(600, 100, clock);
        for (int i = 0; i < 600; i++) {
            assertEquals(0, limiter.acquire("k"), "request " + i);
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(1, limiter.acquire("k"));
        }
        clock.advance(Duration.ofMillis(100));
        assertEquals(0, limiter.acquire("k"));
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(1, 100, clock);
        assertEquals(0, limiter.acquire("user:alice"));
        assertTrue(limiter.acquire("user:alice") > 0);
        assertEquals(0, limiter.acquire("user:bob"));
        assertEquals(0, limiter.acquire("address:10.0.0.2"));
    }

    @Test
    void theBucketNeverHoldsMoreThanAMinute() {
        RateLimiter limiter = new RateLimiter(2, 100, clock);
        limiter.acquire("k");
        clock.advance(Duration.ofHours(5));
        assertEquals(0, limiter.acquire("k"));
        assertEquals(0, limiter.acquire("k"));
        assertEquals(30, limiter.acquire("k"));
    }

    @Test
    void memoryIsBoundedIdleBucketsGoFirst() {
        RateLimiter limiter = new RateLimiter(1, 3, clock);
        limiter.acquire("a");
        limiter.acquire("b");
        clock.advance(Duration.ofSeconds(60));
        limiter.acquire("busy");
        assertEquals(3, limiter.size());
        // a and b have refilled (idle), busy has not: a new key drops a and b, keeps busy
        limiter.acquire("c");
        assertEquals(2, limiter.size());
        assertTrue(limiter.acquire("busy") > 0, "busy kept its empty bucket");
        for (int i = 0; i < 100; i++) {
            limiter.acquire("flood-" + i);
        }
        assertTrue(limiter.size() <= 3, "size " + limiter.size());
    }

    @Test
    void zeroTurnsTheLimitOff() {
        RateLimiter limiter = new RateLimiter(0, 1, clock);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, limiter.acquire("k" + i));
        }
        assertEquals(0, limiter.size());
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-1, 1, clock));
    }
}
