package dev.offpay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IPN delivery under load: starts an IPN receiver on 127.0.0.1, points the seller's IPN URL at it
 * (admin API), runs the checkout load of {@link Bench}, and reports IPNs per second and the latency
 * from commit (the notification's Timestamp) to receipt. Usage: the Bench options plus
 * {@code --admin-token TOKEN} (or $OFFPAY_ADMIN_TOKEN).
 */
public final class IpnBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IpnBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String admin = System.getenv("OFFPAY_ADMIN_TOKEN");
        int i = rest.indexOf("--admin-token");
        if (i >= 0 && i + 1 < rest.size()) {
            admin = rest.get(i + 1);
            rest.remove(i + 1);
            rest.remove(i);
        }
        BenchOptions options = BenchOptions.parse(rest.toArray(String[]::new), System.getenv());
        if (admin == null) {
            System.err.println("--admin-token (or OFFPAY_ADMIN_TOKEN) is needed to point the seller's IPN URL at the receiver");
            System.exit(2);
        }
        LatencyHistogram latency = new LatencyHistogram();
        AtomicLong received = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        receiver.createContext("/ipn", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            long now = System.currentTimeMillis();
            ex.sendResponseHeaders(200, -1);
            ex.close();
            try {
                JsonNode envelope = JSON.readTree(body);
                JsonNode message = JSON.readTree(envelope.get("Message").asText());
                long committed = Instant.parse(message.get("Timestamp").asText()).toEpochMilli();
                latency.recordMicros(Math.max(0, now - committed) * 1000);
                received.incrementAndGet();
                first.compareAndSet(0, now);
                last.set(now);
            } catch (Exception e) {
                System.err.println("unreadable IPN: " + new String(body, StandardCharsets.UTF_8));
            }
        });
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.start();
        String ipnUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/ipn";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> patch = http.send(HttpRequest.newBuilder(URI.create(options.url() + "/admin/v1/sellers/" + options.sellerId()))
                .header("Authorization", "Bearer " + admin)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"ipnUrlSandbox\":\"" + ipnUrl + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (patch.statusCode() != 200) {
            System.err.println("could not set the IPN URL: " + patch.statusCode() + " " + patch.body());
            System.exit(2);
        }
        BenchSummary summary = new LoadRun(options, System.err).execute(http);
        System.out.print(summary.toText());
        Thread.sleep(2000); // let the last notifications arrive
        receiver.stop(0);
        double seconds = Math.max(0.001, (last.get() - first.get()) / 1000.0);
        System.out.printf("IPNs received      %d in %.1f s = %.0f IPN/s%n", received.get(), seconds, received.get() / seconds);
        System.out.printf("commit -> receipt  p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                latency.percentileMicros(50) / 1000, latency.percentileMicros(95) / 1000,
                latency.percentileMicros(99) / 1000, latency.maxMicros() / 1000);
        System.exit(0);
    }
}
