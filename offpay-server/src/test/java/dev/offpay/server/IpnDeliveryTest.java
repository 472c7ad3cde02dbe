package dev.offpay.server;

import com.sun.net.httpserver.HttpServer;
import dev.offpay.client.IpnVerifier;
import dev.offpay.core.Seller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IPNs of a full flow reach a real receiver, verify with the served certificate, and survive kill -9. */
class IpnDeliveryTest {

    /** A merchant's IPN endpoint: records bodies and headers; answers 200. */
    static final class Receiver implements AutoCloseable {
        final HttpServer http;
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
        volatile int delayMillis;

        Receiver() throws Exception {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/ipn", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> h = new HashMap<>();
                ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
                try {
                    if (delayMillis > 0) Thread.sleep(delayMillis);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                bodies.add(body);
                headers.add(h);
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/ipn";
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    static void setIpnUrl(int port, String adminToken, Seller s, String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/v1/sellers/" + s.id()))
                .header("Authorization", "Bearer " + adminToken)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"ipnUrl\":\"" + url + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    static void waitFor(java.util.function.BooleanSupplier cond, long millis, String what) throws Exception {
        long until = System.currentTimeMillis() + millis;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > until) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    static String flow(RawMws mws, Seller s, String oro, String tag) throws Exception {
        mws.call(s, "SetOrderReferenceDetails", "AmazonOrderReferenceId", oro,
                "OrderReferenceAttributes.OrderTotal.Amount", "30", "OrderReferenceAttributes.OrderTotal.CurrencyCode", "USD");
        mws.call(s, "ConfirmOrderReference", "AmazonOrderReferenceId", oro);
        RawMws.Reply a = mws.call(s, "Authorize", "AmazonOrderReferenceId", oro, "AuthorizationReferenceId", "a" + tag,
                "AuthorizationAmount.Amount", "30", "AuthorizationAmount.CurrencyCode", "USD", "TransactionTimeout", "0");
        mws.call(s, "Capture", "AmazonAuthorizationId", a.value("AmazonAuthorizationId"), "CaptureReferenceId", "c" + tag,
                "CaptureAmount.Amount", "30", "CaptureAmount.CurrencyCode", "USD");
        mws.call(s, "CloseOrderReference", "AmazonOrderReferenceId", oro);
        return a.value("AmazonAuthorizationId");
    }

    @Test
    @Timeout(120)
    void fullFlowIpnsVerifyWithTheServedCertificate() throws Exception {
        try (Receiver rx = new Receiver(); TestServer t = TestServer.start()) {
            setIpnUrl(t.server.port(), t.server.adminToken(), t.seller(), rx.url());
            RawMws mws = new RawMws(t.server.port());
            String oro = t.draft();
            flow(mws, t.seller(), oro, "1");
            // Confirm (Open), authorization Open→Closed, capture Completed, close: 4 IPNs at least.
            waitFor(() -> rx.bodies.size() >= 4, 20_000, "4 IPNs");
            String certUrl = t.url() + t.server.notifier().certificatePath();
            String pem = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(certUrl)).build(), HttpResponse.BodyHandlers.ofString()).body();
            IpnVerifier verifier = IpnVerifier.fromPem(pem);
            Set<String> types = new java.util.TreeSet<>();
            for (int i = 0; i < rx.bodies.size(); i++) {
                IpnVerifier.Notification n = verifier.verify(rx.headers.get(i), rx.bodies.get(i));
                types.add(n.notificationType());
                assertEquals(t.seller().id(), n.sellerId());
                assertEquals("Notification", rx.headers.get(i).get("x-amz-sns-message-type"));
            }
            assertTrue(types.containsAll(Set.of("OrderReferenceNotification", "PaymentAuthorize", "PaymentCapture")), types.toString());
        }
    }

    @Test
    @Timeout(240)
    void killNineDuringDeliveryLosesNoIpn() throws Exception {
        Path data = Files.createTempDirectory("offpay-ipn-kill9");
        Seller s = KillNineDurabilityTest.seller();
        try (Receiver rx = new Receiver()) {
            rx.delayMillis = 150; // deliveries are in flight when the server dies
            int committedFlows = 0;
            try (KillNineDurabilityTest.ServerProcess first = new KillNineDurabilityTest.ServerProcess(data, null)) {
                String admin = Files.readString(data.resolve("admin-token")).trim();
                setIpnUrl(first.port, admin, s, rx.url());
                RawMws mws = new RawMws(first.port);
                KillNineDurabilityTest.TestServerHttp http = new KillNineDurabilityTest.TestServerHttp(first.port);
                for (int i = 0; i < 6; i++) {
                    flow(mws, s, http.draft(s), "k" + i);
                    committedFlows++;
                }
                waitFor(() -> rx.bodies.size() >= 2, 20_000, "the first deliveries");
                first.kill9();
            }
            rx.delayMillis = 0;
            try (KillNineDurabilityTest.ServerProcess second = new KillNineDurabilityTest.ServerProcess(data, null)) {
                // Every committed notification must end up DELIVERED and received.
                String auth = java.util.Base64.getEncoder().encodeToString((s.accessKey() + ":" + s.secretKey()).getBytes(StandardCharsets.UTF_8));
                HttpClient c = HttpClient.newHttpClient();
                Pattern ids = Pattern.compile("\"notificationReferenceId\"\\s*:\\s*\"([^\"]+)\"");
                Pattern statuses = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
                Map<String, Boolean> expected = new ConcurrentHashMap<>();
                waitFor(() -> {
                    try {
                        String log = c.send(HttpRequest.newBuilder(URI.create("http://localhost:" + second.port + "/sandbox/v1/notifications?channel=ipn&limit=1000"))
                                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString()).body();
                        Matcher m = ids.matcher(log);
                        while (m.find()) expected.put(m.group(1), true);
                        Matcher st = statuses.matcher(log);
                        while (st.find()) if (!st.group(1).equals("DELIVERED")) return false;
                        return !expected.isEmpty();
                    } catch (Exception e) {
                        return false;
                    }
                }, 60_000, "every IPN DELIVERED after restart");
                assertTrue(expected.size() >= committedFlows * 4, "expected at least 4 IPNs per flow, log has " + expected.size());
                Set<String> received = new java.util.HashSet<>();
                Pattern inner = Pattern.compile("NotificationReferenceId\\\\\":\\\\\"([^\\\\]+)\\\\\"");
                for (String b : rx.bodies) {
                    Matcher m = inner.matcher(b);
                    if (m.find()) received.add(m.group(1));
                }
                for (String id : expected.keySet()) assertTrue(received.contains(id), "IPN " + id + " was never received");
            }
        }
    }
}
