package dev.offpay.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    /** A generator that always answers the same fraction, to pin the jitter. */
    private static RandomGenerator fixed(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    @Test
    void retriesOnlyServerErrorsThatMaySucceedLater() {
        RetryPolicy policy = RetryPolicy.defaults();
        for (int status : new int[] {500, 502, 503, 504, RetryPolicy.NO_RESPONSE}) {
            assertTrue(policy.shouldRetry(status, 1), "status " + status);
        }
        for (int status : new int[] {200, 201, 301, 400, 401, 403, 404, 405, 429, 501, 505}) {
            assertFalse(policy.shouldRetry(status, 1), "status " + status);
        }
    }

    @Test
    void defaultsFollowTheGuideAndStopAfterTheLastDelay() {
        RetryPolicy policy = RetryPolicy.defaults();
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(10), Duration.ofSeconds(30)), policy.delays());
        assertEquals(6, policy.maxAttempts());
        assertTrue(policy.shouldRetry(503, 5));
        assertFalse(policy.shouldRetry(503, 6));
    }

    @Test
    void noneNeverRetries() {
        assertFalse(RetryPolicy.none().shouldRetry(503, 1));
        assertFalse(RetryPolicy.none().shouldRetry(RetryPolicy.NO_RESPONSE, 1));
    }

    @Test
    void delayIsJitteredBetweenHalfAndTheFullBase() {
        RetryPolicy policy = RetryPolicy.defaults();
        assertEquals(Duration.ofMillis(500), policy.delay(1, fixed(0.0)));
        assertEquals(Duration.ofMillis(1500), policy.delay(2, fixed(0.5)));
        assertEquals(Duration.ofSeconds(2), policy.delay(3, fixed(0.0)));
        assertEquals(Duration.ofMillis(7500), policy.delay(4, fixed(0.5)));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            Duration delay = policy.delay(5, random);
            assertTrue(delay.compareTo(Duration.ofSeconds(15)) >= 0 && delay.compareTo(Duration.ofSeconds(30)) < 0, delay.toString());
        }
    }

    @Test
    void delayIsCappedAtTheLastEntry() {
        RetryPolicy policy = RetryPolicy.of(List.of(Duration.ofMillis(100), Duration.ofMillis(400)), 10);
        assertEquals(Duration.ofMillis(200), policy.delay(2, fixed(0.0)));
        assertEquals(Duration.ofMillis(200), policy.delay(9, fixed(0.0)));
        assertTrue(policy.shouldRetry(500, 9));
        assertFalse(policy.shouldRetry(500, 10));
    }

    @Test
    void emptyDelayListRetriesImmediately() {
        assertEquals(Duration.ZERO, RetryPolicy.of(List.of(), 3).delay(1, fixed(0.9)));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.of(List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.of(List.of(Duration.ofSeconds(-1)), 2));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().delay(0, fixed(0.0)));
    }
}
