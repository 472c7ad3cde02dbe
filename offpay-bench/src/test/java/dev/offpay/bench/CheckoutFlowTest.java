package dev.offpay.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.offpay.client.OffpayClient;
import dev.offpay.client.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The flow against a scripted stand-in for Offpay: which calls it makes, with what, and how failures count. */
class CheckoutFlowTest {

    private static final String ORO = "S01-1234567-7654321";
    private static final String NS = "http://mws.amazonservices.com/schema/OffAmazonPayments/2013-01-01";

    private HttpServer server;
    private final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Map<String, String>, String[]>> overrides = new ConcurrentHashMap<>();
    private CheckoutFlow flow;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sandbox/v1/order-references", exchange -> {
            calls.add(Map.of("Action", "sandbox", "Authorization", exchange.getRequestHeaders().getFirst("Authorization")));
            send(exchange, 201, "application/json", "{\"amazonOrderReferenceId\":\"" + ORO + "\"}");
        });
        server.createContext("/OffAmazonPayments_Sandbox/2013-01-01", exchange -> {
            Map<String, String> form = decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            calls.add(form);
            String action = form.get("Action");
            String[] answer = overrides.containsKey(action) ? overrides.get(action).apply(form) : success(action);
            send(exchange, Integer.parseInt(answer[0]), "text/xml", answer[1]);
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        OffpayClient client = OffpayClient.builder().endpoint(base).sellerId("SELLER").accessKey("AK").secretKey("SK")
                .retryPolicy(RetryPolicy.none()).httpClient(http).build();
        flow = new CheckoutFlow(client, new SandboxOrderReferences(http, base, "AK", "SK", Duration.ofSeconds(5)),
                "USD", System::nanoTime);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> decode(String body) {
        Map<String, String> form = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static String envelope(String action, String payload) {
        return "<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + payload + "</" + action + "Result>"
                + "<ResponseMetadata><RequestId>rid-" + action + "</RequestId></ResponseMetadata></" + action + "Response>";
    }

    private static String status(String element, String state) {
        return "<" + element + "><State>" + state + "</State></" + element + ">";
    }

    /** The minimal successful answer of each action the flow makes. */
    private static String[] success(String action) {
        String payload = switch (action) {
            case "SetOrderReferenceDetails", "GetOrderReferenceDetails" -> "<OrderReferenceDetails><AmazonOrderReferenceId>"
                    + ORO + "</AmazonOrderReferenceId>"
                    + status("OrderReferenceStatus", action.startsWith("Set") ? "Draft" : "Open") + "</OrderReferenceDetails>";
            case "Authorize" -> "<AuthorizationDetails><AmazonAuthorizationId>" + ORO + "-A000001</AmazonAuthorizationId>"
                    + status("AuthorizationStatus", "Open") + "</AuthorizationDetails>";
            case "Capture" -> "<CaptureDetails><AmazonCaptureId>" + ORO + "-C000001</AmazonCaptureId>"
                    + status("CaptureStatus", "Completed") + "</CaptureDetails>";
            case "Refund", "GetRefundDetails" -> "<RefundDetails><AmazonRefundId>" + ORO + "-R000001</AmazonRefundId>"
                    + status("RefundStatus", "Pending") + "</RefundDetails>";
            default -> "";
        };
        return new String[] {"200", envelope(action, payload)};
    }

    private List<String> actions() {
        return calls.stream().map(call -> call.get("Action")).toList();
    }

    @Test
    void completesTheWholeCheckoutWithTheExpectedParameters() throws InterruptedException {
        FlowRecorder recorder = new FlowRecorder();

        assertTrue(flow.run(recorder, System.nanoTime() + Duration.ofMinutes(1).toNanos()));

        assertEquals(List.of("sandbox", "SetOrderReferenceDetails", "ConfirmOrderReference", "GetOrderReferenceDetails",
                "Authorize", "Capture", "CloseOrderReference", "Refund", "GetRefundDetails"), actions());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("AK:SK".getBytes(StandardCharsets.UTF_8)),
                calls.get(0).get("Authorization"));
        Map<String, String> set = calls.get(1);
        assertEquals("100.00", set.get("OrderReferenceAttributes.OrderTotal.Amount"));
        assertEquals("USD", set.get("OrderReferenceAttributes.OrderTotal.CurrencyCode"));
        Map<String, String> authorize = calls.get(4);
        assertEquals("0", authorize.get("TransactionTimeout"));
        assertEquals(ORO + "-a", authorize.get("AuthorizationReferenceId"));
        assertEquals("100.00", authorize.get("AuthorizationAmount.Amount"));
        Map<String, String> capture = calls.get(5);
        assertEquals(ORO + "-A000001", capture.get("AmazonAuthorizationId"));
        assertEquals("100.00", capture.get("CaptureAmount.Amount"));
        Map<String, String> refund = calls.get(7);
        assertEquals(ORO + "-C000001", refund.get("AmazonCaptureId"));
        assertEquals("10.00", refund.get("RefundAmount.Amount"));
        assertEquals(ORO + "-r", refund.get("RefundReferenceId"));
        assertEquals(ORO + "-R000001", calls.get(8).get("AmazonRefundId"));

        assertEquals(1, recorder.flows());
        assertEquals(9, recorder.calls());
        assertEquals(Map.of(), recorder.errors());
    }

    @Test
    void anApiErrorIsCountedByCodeAndEndsTheFlowWithoutRetry() throws InterruptedException {
        overrides.put("Authorize", form -> new String[] {"503", "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type></Type>"
                + "<Code>RequestThrottled</Code><Message>Request is throttled</Message></Error>"
                + "<RequestID>r</RequestID></ErrorResponse>"});
        FlowRecorder recorder = new FlowRecorder();

        assertFalse(flow.run(recorder, System.nanoTime() + Duration.ofMinutes(1).toNanos()));

        assertEquals(5, calls.size());
        assertEquals(Map.of("RequestThrottled (Authorize)", 1L), recorder.errors());
        assertEquals(0, recorder.flows());
        assertEquals(4, recorder.calls());
    }

    @Test
    void aDeclinedAuthorizationIsCountedAsAnUnexpectedState() throws InterruptedException {
        overrides.put("Authorize", form -> new String[] {"200", envelope("Authorize", "<AuthorizationDetails>"
                + "<AmazonAuthorizationId>x</AmazonAuthorizationId><AuthorizationStatus><State>Declined</State>"
                + "<ReasonCode>InvalidPaymentMethod</ReasonCode></AuthorizationStatus></AuthorizationDetails>")});
        FlowRecorder recorder = new FlowRecorder();

        assertFalse(flow.run(recorder, System.nanoTime() + Duration.ofMinutes(1).toNanos()));

        assertEquals(Map.of("UnexpectedState:Declined/InvalidPaymentMethod (Authorize)", 1L), recorder.errors());
        assertEquals(5, recorder.calls());
    }

    private BenchOptions options(String... extra) {
        List<String> args = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--seller", "SELLER", "--access-key", "AK", "--secret-key", "SK"));
        args.addAll(List.of(extra));
        return BenchOptions.parse(args.toArray(String[]::new), Map.of());
    }

    @Test
    void aRunStopsAfterTheFlowLimit() throws InterruptedException {
        long start = System.nanoTime();
        BenchSummary summary = new LoadRun(options("--clients", "3", "--warmup", "0", "--duration", "60", "--flows", "7"),
                new PrintStream(OutputStream.nullOutputStream()))
                .execute(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());

        assertEquals(7, summary.flows());
        assertEquals(63, summary.calls());
        assertEquals(0, summary.errors());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
    }

    @Test
    void aRunStopsAfterWarmupPlusDuration() throws InterruptedException {
        long start = System.nanoTime();
        BenchSummary summary = new LoadRun(options("--clients", "2", "--warmup", "1", "--duration", "1"),
                new PrintStream(OutputStream.nullOutputStream()))
                .execute(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());

        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= Duration.ofSeconds(2).toNanos() && elapsed < Duration.ofSeconds(15).toNanos(),
                "took " + elapsed / 1_000_000 + " ms");
        assertTrue(summary.measuredSeconds() >= 1.0, "measured " + summary.measuredSeconds());
        assertEquals(0, summary.errors());
    }

    @Test
    void aPassedDeadlineStopsQuietly() throws InterruptedException {
        FlowRecorder recorder = new FlowRecorder();

        assertFalse(flow.run(recorder, System.nanoTime() - 1));

        assertEquals(List.of(), calls);
        assertEquals(Map.of(), recorder.errors());
    }
}
