package dev.offpay.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result of a run: throughput, latency percentiles per operation and error counts, as text or JSON. */
public record BenchSummary(
        String url,
        String startedAt,
        int clients,
        int cores,
        String javaVersion,
        int warmupSeconds,
        double measuredSeconds,
        long calls,
        double callsPerSecond,
        long flows,
        double flowsPerSecond,
        long errors,
        Map<String, Long> errorsByCode,
        List<OperationLatency> operations) {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Latency of one operation in milliseconds (microsecond resolution, about 1.6 % bucket precision). */
    public record OperationLatency(String operation, long count, double p50Ms, double p95Ms, double p99Ms, double maxMs,
            double meanMs) {

        static OperationLatency of(String operation, LatencyHistogram histogram) {
            return new OperationLatency(operation, histogram.count(),
                    millis(histogram.percentileMicros(50)), millis(histogram.percentileMicros(95)),
                    millis(histogram.percentileMicros(99)), millis(histogram.maxMicros()),
                    Math.round(histogram.meanMicros()) / 1000.0);
        }

        private static double millis(long micros) {
            return micros / 1000.0;
        }
    }

    /** Summarizes the merged counts of a run. */
    public static BenchSummary of(BenchOptions options, Instant startedAt, double measuredSeconds, int cores,
            FlowRecorder total) {
        List<OperationLatency> operations = new ArrayList<>();
        for (FlowStep step : FlowStep.values()) {
            operations.add(OperationLatency.of(step.label(), total.latency(step)));
        }
        Map<String, Long> errors = new LinkedHashMap<>(total.errors());
        long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
        double seconds = measuredSeconds > 0 ? measuredSeconds : Double.NaN;
        return new BenchSummary(options.url().toString(), startedAt.toString(), options.clients(), cores,
                Runtime.version().toString(), options.warmupSeconds(), round(measuredSeconds, 3),
                total.calls(), rate(total.calls(), seconds), total.flows(), rate(total.flows(), seconds),
                errorCount, errors, operations);
    }

    private static double rate(long count, double seconds) {
        return Double.isNaN(seconds) ? 0 : round(count / seconds, 1);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** The human-readable report. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Offpay bench against %s: %d clients, %.1f s measured after %d s warm-up%n",
                url, clients, measuredSeconds, warmupSeconds));
        out.append(String.format(Locale.ROOT, "Machine: %d cores, Java %s%n%n", cores, javaVersion));
        out.append(String.format(Locale.ROOT, "calls   %10d  %10.1f /s%n", calls, callsPerSecond));
        out.append(String.format(Locale.ROOT, "flows   %10d  %10.1f /s%n", flows, flowsPerSecond));
        out.append(String.format(Locale.ROOT, "errors  %10d%n%n", errors));
        int width = operations.stream().mapToInt(o -> o.operation().length()).max().orElse(10);
        String row = "%-" + width + "s  %8s  %9s  %9s  %9s  %9s%n";
        out.append(String.format(Locale.ROOT, row, "operation", "count", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        for (OperationLatency o : operations) {
            out.append(String.format(Locale.ROOT, row, o.operation(), o.count(), ms(o.p50Ms()), ms(o.p95Ms()),
                    ms(o.p99Ms()), ms(o.maxMs())));
        }
        if (!errorsByCode.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nerrors by code (operation):%n"));
            errorsByCode.forEach((code, n) -> out.append(String.format(Locale.ROOT, "  %-60s %8d%n", code, n)));
            if (errorsByCode.keySet().stream().anyMatch(code -> code.startsWith("RequestThrottled"))) {
                out.append("  (the server enforces Amazon's quotas; start it without --throttle to measure it)\n");
            }
        }
        return out.toString();
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** The report as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #toJson()} to a file, creating its directory. */
    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson() + "\n");
    }
}
