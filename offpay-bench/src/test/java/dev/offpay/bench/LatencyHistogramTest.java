package dev.offpay.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    /** Exact nearest-rank percentile of sorted values, to compare the buckets against. */
    private static long exact(long[] sorted, double percentile) {
        int rank = (int) Math.max(1, Math.ceil(percentile / 100.0 * sorted.length));
        return sorted[rank - 1];
    }

    private static void assertClose(long expected, long actual) {
        // Reported values are a bucket's highest value: never below, at most one bucket (1/64) above.
        assertTrue(actual >= expected && actual <= expected + Math.max(0, expected / 64),
                "expected about " + expected + " but was " + actual);
    }

    @Test
    void emptyHistogramReportsZero() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertEquals(0, histogram.count());
        assertEquals(0, histogram.percentileMicros(99));
        assertEquals(0, histogram.maxMicros());
        assertEquals(0, histogram.minMicros());
        assertEquals(0.0, histogram.meanMicros());
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            histogram.recordMicros(v);
        }
        assertEquals(50, histogram.percentileMicros(50));
        assertEquals(95, histogram.percentileMicros(95));
        assertEquals(99, histogram.percentileMicros(99));
        assertEquals(100, histogram.percentileMicros(100));
        assertEquals(1, histogram.percentileMicros(0));
        assertEquals(50.5, histogram.meanMicros());
    }

    @Test
    void percentilesOfAWideDistributionStayWithinOneBucket() {
        SplittableRandom random = new SplittableRandom(7);
        long[] values = new long[100_000];
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            // Log-uniform between 50 µs and 2 s: most requests fast, a long tail.
            values[i] = (long) Math.exp(Math.log(50) + random.nextDouble() * (Math.log(2_000_000) - Math.log(50)));
            histogram.recordMicros(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {50, 90, 95, 99, 99.9}) {
            assertClose(exact(values, p), histogram.percentileMicros(p));
        }
        assertEquals(values[values.length - 1], histogram.maxMicros());
        assertEquals(values[values.length - 1], histogram.percentileMicros(100));
        assertEquals(values[0], histogram.minMicros());
    }

    @Test
    void mergingEqualsRecordingEverythingInOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram both = new LatencyHistogram();
        for (int v = 1; v <= 10_000; v++) {
            (v % 3 == 0 ? a : b).recordMicros(v * 37L);
            both.recordMicros(v * 37L);
        }
        a.add(b);
        assertEquals(both.count(), a.count());
        for (double p : new double[] {1, 50, 95, 99, 100}) {
            assertEquals(both.percentileMicros(p), a.percentileMicros(p));
        }
        assertEquals(both.maxMicros(), a.maxMicros());
        assertEquals(both.meanMicros(), a.meanMicros());
    }

    @Test
    void nanosAreTruncatedToMicrosAndHugeValuesKeepAnExactMax() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.recordNanos(1_999);
        histogram.recordNanos(-5);
        histogram.recordMicros(Long.MAX_VALUE / 2);
        assertEquals(3, histogram.count());
        assertEquals(0, histogram.minMicros());
        assertEquals(1, histogram.percentileMicros(66));
        assertEquals(Long.MAX_VALUE / 2, histogram.percentileMicros(100));
        assertEquals(Long.MAX_VALUE / 2, histogram.maxMicros());
    }

    @Test
    void bucketsAreContiguous() {
        long previousHighest = -1;
        for (int bucket = 0; bucket < LatencyHistogram.bucketOf(1L << 40); bucket++) {
            long highest = LatencyHistogram.highestValueIn(bucket);
            assertEquals(bucket, LatencyHistogram.bucketOf(previousHighest + 1), "bucket " + bucket);
            assertEquals(bucket, LatencyHistogram.bucketOf(highest), "bucket " + bucket);
            previousHighest = highest;
        }
    }

    @Test
    void rejectsPercentilesOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram().percentileMicros(101));
    }
}
