package dev.offpay.bench;

/**
 * Latencies in microseconds, counted in log-linear buckets: exact below 128 µs, then 64 buckets per
 * power of two (each at most 1/64 ≈ 1.6 % wide), so memory stays fixed however long the run. The
 * maximum is kept exactly. Not thread-safe: each virtual client fills its own, merged at the end.
 */
public final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Values below this are counted exactly, one bucket each. */
    private static final int LINEAR_LIMIT = 2 * SUB_BUCKETS;
    private static final int FIRST_MAGNITUDE = SUB_BUCKET_BITS + 1;
    /** Values of 2^41 µs (about 25 days) and more share the last bucket. */
    private static final int LAST_MAGNITUDE = 40;
    private static final int BUCKETS = LINEAR_LIMIT + (LAST_MAGNITUDE - FIRST_MAGNITUDE + 1) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    /** Records one latency measured with {@link System#nanoTime()}. */
    public void recordNanos(long nanos) {
        recordMicros(Math.max(0, nanos) / 1_000);
    }

    /** Records one latency in microseconds (negative values count as 0). */
    public void recordMicros(long micros) {
        long value = Math.max(0, micros);
        counts[bucketOf(value)]++;
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds everything another histogram recorded. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** Number of values recorded. */
    public long count() {
        return count;
    }

    /** Largest value recorded, exact (0 when empty). */
    public long maxMicros() {
        return max;
    }

    /** Smallest value recorded, exact (0 when empty). */
    public long minMicros() {
        return count == 0 ? 0 : min;
    }

    /** Arithmetic mean (0 when empty). */
    public double meanMicros() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * The nearest-rank percentile: the smallest recorded bucket holding at least {@code percentile}
     * % of the values, reported as that bucket's highest value (capped at the exact maximum), so it
     * never understates. 0 when empty.
     */
    public long percentileMicros(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be within 0..100, was " + percentile);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                // The overflow bucket has no upper bound of its own; the exact maximum stands in.
                return i == BUCKETS - 1 ? max : Math.min(highestValueIn(i), max);
            }
        }
        return max;
    }

    static int bucketOf(long value) {
        if (value < LINEAR_LIMIT) {
            return (int) value;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(value);
        if (magnitude > LAST_MAGNITUDE) {
            return BUCKETS - 1;
        }
        int sub = (int) (value >>> (magnitude - SUB_BUCKET_BITS)) - SUB_BUCKETS;
        return LINEAR_LIMIT + (magnitude - FIRST_MAGNITUDE) * SUB_BUCKETS + sub;
    }

    static long highestValueIn(int bucket) {
        if (bucket < LINEAR_LIMIT) {
            return bucket;
        }
        int offset = bucket - LINEAR_LIMIT;
        int magnitude = FIRST_MAGNITUDE + offset / SUB_BUCKETS;
        long width = 1L << (magnitude - SUB_BUCKET_BITS);
        long lowest = (long) (SUB_BUCKETS + offset % SUB_BUCKETS) << (magnitude - SUB_BUCKET_BITS);
        return lowest + width - 1;
    }
}
