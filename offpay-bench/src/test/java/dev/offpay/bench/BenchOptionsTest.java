package dev.offpay.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaults() {
        BenchOptions options = BenchOptions.parse(new String[] {"--seller", "S", "--access-key", "A", "--secret-key", "K"},
                Map.of());
        assertEquals(URI.create("http://127.0.0.1:8080"), options.url());
        assertEquals(64, options.clients());
        assertEquals(30, options.durationSeconds());
        assertEquals(5, options.warmupSeconds());
        assertFalse(options.hasFlowLimit());
        assertEquals("USD", options.currency());
        assertNull(options.jsonFile());
    }

    @Test
    void everyOptionInBothSpellings() {
        BenchOptions options = BenchOptions.parse(new String[] {"--url=http://localhost:9090/", "--seller", "S",
                "--access-key=A", "--secret-key", "K", "--clients", "8", "--duration=3", "--warmup", "0",
                "--flows", "100", "--timeout", "2", "--currency", "eur", "--json", "out.json"}, Map.of());
        assertEquals(URI.create("http://localhost:9090"), options.url());
        assertEquals(8, options.clients());
        assertEquals(3, options.durationSeconds());
        assertEquals(0, options.warmupSeconds());
        assertEquals(100, options.maxFlows());
        assertTrue(options.hasFlowLimit());
        assertEquals(2, options.timeoutSeconds());
        assertEquals("EUR", options.currency());
        assertEquals(Path.of("out.json"), options.jsonFile());
        assertFalse(options.toString().contains("K}"), "secret must not be printed");
    }

    @Test
    void credentialsFallBackToTheServersEnvironment() {
        BenchOptions options = BenchOptions.parse(new String[0],
                Map.of("OFFPAY_SELLER_ID", "S", "OFFPAY_ACCESS_KEY", "A", "OFFPAY_SECRET_KEY", "K"));
        assertEquals("S", options.sellerId());
        assertEquals("A", options.accessKey());
        assertEquals("K", options.secretKey());
    }

    @Test
    void badInputIsExplained() {
        Map<String, String> env = Map.of("OFFPAY_SELLER_ID", "S", "OFFPAY_ACCESS_KEY", "A", "OFFPAY_SECRET_KEY", "K");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[0], Map.of())).getMessage().contains("--seller"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--clients", "0"}, env));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--clients", "x"}, env));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--duration"}, env));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--bogus", "1"}, env));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--url", "ftp://h"}, env));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"stray"}, env));
    }

    @Test
    void runPrintsUsageForHelpAndRefusesBadOptions() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, Bench.run(new String[] {"--help"}, Map.of(), outStream, errStream));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--clients"));
        assertEquals(2, Bench.run(new String[] {"--clients", "-1"}, Map.of(), outStream, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage"));
    }
}
