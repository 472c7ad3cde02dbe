package dev.offpay.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** What one virtual client measured: latency per step, completed flows, errors by code. Not thread-safe. */
public final class FlowRecorder {

    private final EnumMap<FlowStep, LatencyHistogram> latencies = new EnumMap<>(FlowStep.class);
    private final Map<String, Long> errors = new TreeMap<>();
    private final LongAdder liveCalls;
    private long flows;

    /** Creates an empty recorder. */
    public FlowRecorder() {
        this(null);
    }

    /** Creates an empty recorder that also counts successful calls into {@code liveCalls} (for progress lines). */
    public FlowRecorder(LongAdder liveCalls) {
        this.liveCalls = liveCalls;
        for (FlowStep step : FlowStep.values()) {
            latencies.put(step, new LatencyHistogram());
        }
    }

    /** A successful call of {@code step} that took {@code nanos}. */
    public void recordCall(FlowStep step, long nanos) {
        latencies.get(step).recordNanos(nanos);
        if (liveCalls != null) {
            liveCalls.increment();
        }
    }

    /** A failed call (or an answer the flow cannot continue from), counted under {@code code (step)}. */
    public void recordError(FlowStep step, String code) {
        errors.merge(code + " (" + step.label() + ")", 1L, Long::sum);
    }

    /** A flow that ran through every step. */
    public void recordFlow() {
        flows++;
    }

    /** Adds another recorder's counts to this one. */
    public void add(FlowRecorder other) {
        other.latencies.forEach((step, histogram) -> latencies.get(step).add(histogram));
        other.errors.forEach((code, n) -> errors.merge(code, n, Long::sum));
        flows += other.flows;
    }

    /** Latencies of one step. */
    public LatencyHistogram latency(FlowStep step) {
        return latencies.get(step);
    }

    /** Successful calls over all steps. */
    public long calls() {
        long calls = 0;
        for (LatencyHistogram histogram : latencies.values()) {
            calls += histogram.count();
        }
        return calls;
    }

    /** Completed flows. */
    public long flows() {
        return flows;
    }

    /** Error counts keyed {@code code (step)}, sorted. */
    public Map<String, Long> errors() {
        return new TreeMap<>(errors);
    }
}
