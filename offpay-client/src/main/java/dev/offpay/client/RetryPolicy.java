package dev.offpay.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides whether and when a CV1 call is tried again: only after 500/502/503/504 or an I/O error,
 * at most {@code maxAttempts} attempts in all, waiting a jittered delay taken from a capped list.
 */
public final class RetryPolicy {

    /** Status passed to {@link #shouldRetry} when no HTTP response arrived (connection refused, reset, timeout). */
    public static final int NO_RESPONSE = 0;

    /** The integration guide's back-off: 1 s, 2 s, 4 s, 10 s, 30 s. */
    public static final List<Duration> DEFAULT_DELAYS = List.of(
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(10), Duration.ofSeconds(30));

    private static final RetryPolicy NONE = new RetryPolicy(List.of(), 1);
    private static final RetryPolicy DEFAULTS = new RetryPolicy(DEFAULT_DELAYS, DEFAULT_DELAYS.size() + 1);

    private final List<Duration> delays;
    private final int maxAttempts;

    private RetryPolicy(List<Duration> delays, int maxAttempts) {
        this.delays = delays;
        this.maxAttempts = maxAttempts;
    }

    /** The guide's delays, one retry per delay (six attempts in all). */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** A single attempt: every failure goes straight to the caller. */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * Custom delays (the n-th retry waits about the n-th delay; retries past the end of the list wait
     * about the last one) and a cap on the total number of attempts, the first one included.
     */
    public static RetryPolicy of(List<Duration> delays, int maxAttempts) {
        Objects.requireNonNull(delays, "delays");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        for (Duration delay : delays) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("retry delays must be zero or positive, got " + delays);
            }
        }
        return new RetryPolicy(List.copyOf(delays), maxAttempts);
    }

    /** The base delays, before jitter. */
    public List<Duration> delays() {
        return delays;
    }

    /** The cap on attempts, the first one included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether a status is one that may succeed when simply sent again. */
    public static boolean isRetryable(int httpStatus) {
        // 500/502/503/504 and "no answer at all". Every CV1 write carries an idempotency key (order
        // reference id or *ReferenceId), so re-sending one cannot create a second object.
        return httpStatus == NO_RESPONSE
                || httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
    }

    /**
     * Whether to send again after attempt number {@code attempt} (1 = the first try) ended with
     * {@code httpStatus} ({@link #NO_RESPONSE} for an I/O error).
     */
    public boolean shouldRetry(int httpStatus, int attempt) {
        return attempt < maxAttempts && isRetryable(httpStatus);
    }

    /**
     * How long to wait after attempt number {@code attempt} failed: the attempt's base delay (the last
     * one once the list is exhausted) scaled by a random factor in [0.5, 1.0) so that many clients
     * throttled at the same instant do not come back at the same instant.
     */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, was " + attempt);
        }
        if (delays.isEmpty()) {
            return Duration.ZERO;
        }
        long base = delays.get(Math.min(attempt, delays.size()) - 1).toNanos();
        long half = base / 2;
        long jitter = (long) (random.nextDouble() * (base - half));
        return Duration.ofNanos(half + jitter);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", delays=" + delays + "}";
    }
}
