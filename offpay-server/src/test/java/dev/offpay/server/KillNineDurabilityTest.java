package dev.offpay.server;

import dev.offpay.core.Seller;
import dev.offpay.testkit.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acknowledged writes survive kill -9: a real Offpay process is killed in the middle of a burst of
 * writes, restarted on the same data, and every answered write must be there.
 */
class KillNineDurabilityTest {

    static final class ServerProcess implements AutoCloseable {
        final Process process;
        final int port;

        ServerProcess(Path data, String db) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.offpay.server.Main", "serve", "--port", "0", "--data", data.toString()));
            if (db != null) cmd.addAll(List.of("--db", db));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("OFFPAY_SELLER_ID", "AKILLNINETEST1");
            pb.environment().put("OFFPAY_ACCESS_KEY", "AKIAKILLNINE0000001");
            pb.environment().put("OFFPAY_SECRET_KEY", "kill-nine-secret");
            process = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Pattern listening = Pattern.compile("listening\\s+http://localhost:(\\d+)");
            int found = -1;
            StringBuilder seen = new StringBuilder();
            long deadline = System.currentTimeMillis() + 60_000;
            String line;
            while (found < 0 && System.currentTimeMillis() < deadline && (line = out.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher m = listening.matcher(line);
                if (m.find()) found = Integer.parseInt(m.group(1));
            }
            if (found < 0) throw new IllegalStateException("server did not start:\n" + seen);
            port = found;
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the pipe empty
                    }
                } catch (Exception ignored) {
                    // process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
        }

        void kill9() throws Exception {
            new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static Seller seller() {
        return Seller.create("AKILLNINETEST1", "AKIAKILLNINE0000001", "kill-nine-secret", dev.offpay.core.Region.US, "x");
    }

    void run(String db) throws Exception {
        Path data = Files.createTempDirectory("offpay-kill9");
        Map<String, String> acknowledgedCaptures = new ConcurrentHashMap<>();
        Map<String, String> acknowledgedConfirms = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (ServerProcess first = new ServerProcess(data, db)) {
            RawMws mws = new RawMws(first.port);
            TestServerHttp http = new TestServerHttp(first.port);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Thread th = new Thread(() -> {
                    int i = 0;
                    while (!stop.get()) {
                        try {
                            String oro = http.draft(seller());
                            mws.call(seller(), "SetOrderReferenceDetails", "AmazonOrderReferenceId", oro,
                                    "OrderReferenceAttributes.OrderTotal.Amount", "10", "OrderReferenceAttributes.OrderTotal.CurrencyCode", "USD");
                            if (mws.call(seller(), "ConfirmOrderReference", "AmazonOrderReferenceId", oro).status() == 200) {
                                acknowledgedConfirms.put(oro, oro);
                            }
                            RawMws.Reply a = mws.call(seller(), "Authorize", "AmazonOrderReferenceId", oro, "AuthorizationReferenceId",
                                    "k" + Thread.currentThread().getId() + "x" + i, "AuthorizationAmount.Amount", "10",
                                    "AuthorizationAmount.CurrencyCode", "USD", "TransactionTimeout", "0");
                            RawMws.Reply c = mws.call(seller(), "Capture", "AmazonAuthorizationId", a.value("AmazonAuthorizationId"),
                                    "CaptureReferenceId", "c" + Thread.currentThread().getId() + "x" + i++, "CaptureAmount.Amount", "10",
                                    "CaptureAmount.CurrencyCode", "USD");
                            if (c.status() == 200) acknowledgedCaptures.put(c.value("AmazonCaptureId"), oro);
                        } catch (Exception e) {
                            return; // the server died under us: unanswered writes may be lost, answered ones not
                        }
                    }
                });
                th.start();
                workers.add(th);
            }
            long until = System.currentTimeMillis() + 10_000;
            while (acknowledgedCaptures.size() < 30 && System.currentTimeMillis() < until) Thread.sleep(50);
            first.kill9();
            stop.set(true);
            for (Thread th : workers) th.join(10_000);
        }
        assertTrue(acknowledgedCaptures.size() >= 10, "the burst acknowledged too few writes to prove anything: " + acknowledgedCaptures.size());
        try (ServerProcess second = new ServerProcess(data, db)) {
            RawMws mws = new RawMws(second.port);
            for (Map.Entry<String, String> e : acknowledgedCaptures.entrySet()) {
                RawMws.Reply r = mws.call(seller(), "GetCaptureDetails", "AmazonCaptureId", e.getKey());
                assertEquals(200, r.status(), "acknowledged capture lost: " + e.getKey() + " " + r.body());
                assertEquals("Completed", r.value("State"));
            }
            for (String oro : acknowledgedConfirms.keySet()) {
                RawMws.Reply r = mws.call(seller(), "GetOrderReferenceDetails", "AmazonOrderReferenceId", oro);
                assertEquals(200, r.status(), r.body());
                assertTrue(!"Draft".equals(r.value("State")), "acknowledged confirmation lost for " + oro);
            }
        }
    }

    @Test
    @Timeout(180)
    void embeddedStore() throws Exception {
        run(null);
    }

    @Test
    @Timeout(180)
    void postgres() throws Exception {
        if (Postgres.skipped()) return;
        run(Postgres.freshSchemaUrl());
    }

    /** The sandbox helper against a server that is not a TestServer. */
    static final class TestServerHttp {
        final int port;
        final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

        TestServerHttp(int port) {
            this.port = port;
        }

        String draft(Seller s) throws Exception {
            String auth = java.util.Base64.getEncoder().encodeToString((s.accessKey() + ":" + s.secretKey()).getBytes(StandardCharsets.UTF_8));
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/sandbox/v1/order-references"))
                    .header("Authorization", "Basic " + auth).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"amazonOrderReferenceId\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
            if (!m.find()) throw new IllegalStateException(r.body());
            return m.group(1);
        }
    }
}
