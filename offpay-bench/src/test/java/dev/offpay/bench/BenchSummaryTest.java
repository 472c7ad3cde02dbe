package dev.offpay.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSummaryTest {

    private static final BenchOptions OPTIONS = BenchOptions.parse(
            new String[] {"--seller", "S", "--access-key", "A", "--secret-key", "K", "--clients", "4"}, Map.of());

    private static FlowRecorder twoClients() {
        FlowRecorder first = new FlowRecorder();
        FlowRecorder second = new FlowRecorder();
        for (int i = 1; i <= 100; i++) {
            for (FlowStep step : FlowStep.values()) {
                (i % 2 == 0 ? first : second).recordCall(step, i * 1_000_000L);
            }
            (i % 2 == 0 ? first : second).recordFlow();
        }
        first.recordError(FlowStep.AUTHORIZE, "RequestThrottled");
        second.recordError(FlowStep.AUTHORIZE, "RequestThrottled");
        second.recordError(FlowStep.CAPTURE, "InvalidAuthorizationStatus");
        FlowRecorder total = new FlowRecorder();
        total.add(first);
        total.add(second);
        return total;
    }

    @Test
    void ratesPercentilesAndErrors() {
        BenchSummary summary = BenchSummary.of(OPTIONS, Instant.parse("2026-01-01T00:00:00Z"), 10.0, 2, twoClients());

        assertEquals(900, summary.calls());
        assertEquals(90.0, summary.callsPerSecond());
        assertEquals(100, summary.flows());
        assertEquals(10.0, summary.flowsPerSecond());
        assertEquals(3, summary.errors());
        assertEquals(Map.of("RequestThrottled (Authorize)", 2L, "InvalidAuthorizationStatus (Capture)", 1L),
                summary.errorsByCode());
        assertEquals(FlowStep.values().length, summary.operations().size());
        BenchSummary.OperationLatency authorize = summary.operations().get(FlowStep.AUTHORIZE.ordinal());
        assertEquals("Authorize", authorize.operation());
        assertEquals(100, authorize.count());
        // 1..100 ms: exact ranks 50, 95, 99, within one 1.6 % bucket above.
        assertTrue(authorize.p50Ms() >= 50 && authorize.p50Ms() <= 50.8, "p50 " + authorize.p50Ms());
        assertTrue(authorize.p95Ms() >= 95 && authorize.p95Ms() <= 96.5, "p95 " + authorize.p95Ms());
        assertTrue(authorize.p99Ms() >= 99 && authorize.p99Ms() <= 100, "p99 " + authorize.p99Ms());
        assertEquals(100.0, authorize.maxMs());
        assertEquals(50.5, authorize.meanMs());
        assertEquals(2, summary.cores());
    }

    @Test
    void textReportNamesEveryOperationAndError() {
        String text = BenchSummary.of(OPTIONS, Instant.now(), 10.0, 2, twoClients()).toText();
        assertTrue(text.contains("4 clients"), text);
        assertTrue(text.contains("2 cores"), text);
        for (FlowStep step : FlowStep.values()) {
            assertTrue(text.contains(step.label()), step.label());
        }
        assertTrue(text.contains("RequestThrottled (Authorize)"), text);
        assertTrue(text.contains("without --throttle"), text);
    }

    @Test
    void jsonCarriesTheSameFigures(@TempDir Path dir) throws IOException {
        BenchSummary summary = BenchSummary.of(OPTIONS, Instant.parse("2026-01-01T00:00:00Z"), 10.0, 2, twoClients());
        Path file = dir.resolve("out/summary.json");
        summary.writeJson(file);

        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(900, json.get("calls").asLong());
        assertEquals(10.0, json.get("flowsPerSecond").asDouble());
        assertEquals(2, json.get("cores").asInt());
        assertEquals(2, json.get("errorsByCode").get("RequestThrottled (Authorize)").asLong());
        assertEquals("Authorize", json.get("operations").get(FlowStep.AUTHORIZE.ordinal()).get("operation").asText());
        assertEquals(100.0, json.get("operations").get(0).get("maxMs").asDouble());
        assertEquals("http://127.0.0.1:8080", json.get("url").asText());
    }

    @Test
    void emptyRunHasZeroRates() {
        BenchSummary summary = BenchSummary.of(OPTIONS, Instant.now(), 0.0, 2, new FlowRecorder());
        assertEquals(0.0, summary.callsPerSecond());
        assertEquals(0, summary.operations().get(0).count());
        assertTrue(summary.toText().contains("errors           0"), summary.toText());
    }
}
