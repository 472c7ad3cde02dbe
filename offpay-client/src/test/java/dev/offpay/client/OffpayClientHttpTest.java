package dev.offpay.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Round trips through a real HTTP server on port 0 that records what the client sends. */
class OffpayClientHttpTest {

    private static final String SECRET = "test-secret-key";

    /** One request as the server saw it. */
    record Received(String method, String path, String contentType, String host, Map<String, String> form) {}

    /** One scripted answer. */
    record Answer(int status, String body) {}

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Host"),
                    decodeForm(body)));
            Answer answer;
            synchronized (answers) {
                answer = answers.isEmpty() ? new Answer(500, "no scripted answer") : answers.poll();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-mws-request-id", "header-request-id");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Map<String, String> decodeForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private void answer(int status, String body) {
        synchronized (answers) {
            answers.add(new Answer(status, body));
        }
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private OffpayClient.Builder clientBuilder() {
        return OffpayClient.builder()
                .endpoint("http://127.0.0.1:" + port())
                .sellerId("SELLER1").accessKey("ACCESS1").secretKey(SECRET)
                .requestTimeout(Duration.ofSeconds(5))
                .retryPolicy(RetryPolicy.of(List.of(Duration.ofMillis(5)), 3));
    }

    /** A clock that moves one second forward every time it is read, so each attempt has its own Timestamp. */
    private static Clock tickingClock(Instant start) {
        AtomicLong reads = new AtomicLong();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return start.plusSeconds(reads.getAndIncrement());
            }
        };
    }

    /** Verifies a received request the way the server must: recompute from what arrived. */
    private void assertSignatureVerifies(Received request) {
        String toSign = SignatureV2.stringToSign(request.method(), request.host(), request.path(), request.form());
        assertEquals(SignatureV2.sign(toSign, SECRET, request.form().get("SignatureMethod")), request.form().get("Signature"));
    }

    @Test
    void sendsASignedFormPostAndParsesTheAnswer() {
        answer(200, ResponseParserTest.fixture("SetOrderReferenceDetailsResponse.xml"));
        OffpayClient client = clientBuilder()
                .clock(Clock.fixed(Instant.parse("2024-05-01T10:00:00.750Z"), ZoneOffset.UTC))
                .build();

        OrderReferenceResponse response = client.setOrderReferenceDetails(
                SetOrderReferenceDetailsRequest.of("S01-1234567-1234567", Price.of("100.00", "USD"))
                        .withSellerNote("Thanks & see you")
                        .withSellerOrderAttributes(SellerOrderAttributes.ofSellerOrderId("order 42")));

        assertEquals("eab0140b-e59c-4875-859b-f5012944ba", response.requestId());
        assertEquals(Price.of("500.00", "USD"), response.orderReferenceDetails().orderTotal());
        assertEquals(1, received.size());
        Received request = received.get(0);
        assertEquals("POST", request.method());
        assertEquals("/OffAmazonPayments_Sandbox/2013-01-01", request.path());
        assertTrue(request.contentType().startsWith("application/x-www-form-urlencoded"), request.contentType());
        assertEquals("127.0.0.1:" + port(), request.host());
        Map<String, String> form = request.form();
        assertEquals("ACCESS1", form.get("AWSAccessKeyId"));
        assertEquals("SetOrderReferenceDetails", form.get("Action"));
        assertEquals("SELLER1", form.get("SellerId"));
        assertEquals("HmacSHA256", form.get("SignatureMethod"));
        assertEquals("2", form.get("SignatureVersion"));
        assertEquals("2024-05-01T10:00:00Z", form.get("Timestamp"));
        assertEquals("2013-01-01", form.get("Version"));
        assertEquals("S01-1234567-1234567", form.get("AmazonOrderReferenceId"));
        assertEquals("100.00", form.get("OrderReferenceAttributes.OrderTotal.Amount"));
        assertEquals("USD", form.get("OrderReferenceAttributes.OrderTotal.CurrencyCode"));
        assertEquals("Thanks & see you", form.get("OrderReferenceAttributes.SellerNote"));
        assertEquals("order 42", form.get("OrderReferenceAttributes.SellerOrderAttributes.SellerOrderId"));
        assertFalse(form.containsKey("MWSAuthToken"));
        assertSignatureVerifies(request);
    }

    @Test
    void liveEnvironmentAndMwsAuthToken() {
        answer(200, ResponseParserTest.fixture("CloseAuthorizationResponse.xml"));
        OffpayClient client = clientBuilder().sandbox(false).mwsAuthToken("amzn.mws.token").build();

        EmptyResponse response = client.closeAuthorization("P01-1234567-1234567-A000001", "out of stock");

        assertEquals("3e130e5b-41ae-41fd-b307-dbbf45663d79", response.requestId());
        Received request = received.get(0);
        assertEquals("/OffAmazonPayments/2013-01-01", request.path());
        assertEquals("amzn.mws.token", request.form().get("MWSAuthToken"));
        assertEquals("out of stock", request.form().get("ClosureReason"));
        assertSignatureVerifies(request);
    }

    @Test
    void retries503WithAFreshTimestampAndSignature() {
        answer(503, ResponseParserTest.fixture("Throttled.xml"));
        answer(200, ResponseParserTest.fixture("AuthorizeResponse.xml"));
        OffpayClient client = clientBuilder().clock(tickingClock(Instant.parse("2024-05-01T10:00:00Z"))).build();

        AuthorizationResponse response = client.authorize(
                AuthorizeRequest.of("S01-9821095-1837200", "auth-1", Price.of("1.00", "USD")).withTransactionTimeout(0));

        assertEquals("S01-9821095-1837200-A041953", response.authorizationDetails().amazonAuthorizationId());
        assertEquals(2, received.size());
        Map<String, String> first = received.get(0).form();
        Map<String, String> second = received.get(1).form();
        assertEquals("0", first.get("TransactionTimeout"));
        assertNotEquals(first.get("Timestamp"), second.get("Timestamp"));
        assertNotEquals(first.get("Signature"), second.get("Signature"));
        assertSignatureVerifies(received.get(0));
        assertSignatureVerifies(received.get(1));
    }

    @Test
    void exhaustedRetriesSurfaceTheLastError() {
        for (int i = 0; i < 3; i++) {
            answer(503, ResponseParserTest.fixture("Throttled.xml"));
        }
        OffpayClient client = clientBuilder().build();

        OffpayApiException e = assertThrows(OffpayApiException.class, () -> client.getRefundDetails("S01-1-R1"));

        assertEquals(3, received.size());
        assertEquals(503, e.httpStatus());
        assertEquals("RequestThrottled", e.errorCode());
        assertEquals("d702fd8e-206f-4da4-95e0-1e7422474077", e.requestId());
    }

    @Test
    void errorResponseBecomesAnApiExceptionWithoutRetry() {
        answer(405, ResponseParserTest.fixture("ErrorResponse.xml"));
        OffpayClient client = clientBuilder().build();

        OffpayApiException e = assertThrows(OffpayApiException.class, () -> client.setOrderReferenceDetails(
                SetOrderReferenceDetailsRequest.of("S01-5695290-1354077", Price.of("2", "USD"))));

        assertEquals(1, received.size());
        assertEquals(405, e.httpStatus());
        assertEquals("Sender", e.errorType());
        assertEquals("OrderReferenceNotModifiable", e.errorCode());
        assertEquals("OrderReference S01-5695290-1354077 is not in draft state and cannot be modified with the "
                + "request submitted by you.", e.errorMessage());
        assertEquals("6d4699b8-1238-4c09-b539-176e2c2f5462", e.requestId());
        assertEquals("SetOrderReferenceDetails", e.action());
    }

    @Test
    void badRequestErrorResponse() {
        answer(400, "<ErrorResponse xmlns=\"http://mws.amazonservices.com/schema/OffAmazonPayments/2013-01-01\">"
                + "<Error><Type>Sender</Type><Code>InvalidParameterValue</Code>"
                + "<Message>AuthorizationAmount.Amount \"abc\" is not a decimal amount</Message></Error>"
                + "<RequestId>0b0f5a4e-0000-4000-8000-000000000001</RequestId></ErrorResponse>");
        OffpayClient client = clientBuilder().build();

        OffpayApiException e = assertThrows(OffpayApiException.class,
                () -> client.authorize(AuthorizeRequest.of("S01-1-1", "r1", Price.of("1", "USD"))));

        assertEquals(400, e.httpStatus());
        assertEquals("InvalidParameterValue", e.errorCode());
        assertEquals("AuthorizationAmount.Amount \"abc\" is not a decimal amount", e.errorMessage());
        assertEquals("0b0f5a4e-0000-4000-8000-000000000001", e.requestId());
    }

    @Test
    void rawCallOverridesRemovesAndPassesSignatureVerbatim() {
        answer(403, "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>"
                + "<Message>no</Message></Error><RequestId>rid-1</RequestId></ErrorResponse>");
        answer(200, ResponseParserTest.fixture("ConfirmOrderReferenceResponse.xml"));
        OffpayClient client = clientBuilder().build();

        Map<String, String> params = new LinkedHashMap<>();
        params.put("AmazonOrderReferenceId", "S01-1-1");
        params.put("Version", "2099-01-01");
        params.put("SellerId", null);
        params.put("Signature", "bogus=");
        RawResponse rejected = client.call("ConfirmOrderReference", params);

        assertEquals(403, rejected.httpStatus());
        assertFalse(rejected.isSuccess());
        assertEquals("rid-1", rejected.requestId());
        assertTrue(rejected.body().contains("SignatureDoesNotMatch"));
        Map<String, String> form = received.get(0).form();
        assertEquals("2099-01-01", form.get("Version"));
        assertFalse(form.containsKey("SellerId"));
        assertEquals("bogus=", form.get("Signature"));

        RawResponse accepted = client.call("ConfirmOrderReference", Map.of("AmazonOrderReferenceId", "S01-1-1",
                "SignatureMethod", "HmacSHA1", "Unknown.Extra", "x y"));
        assertEquals(200, accepted.httpStatus());
        assertEquals("f1f52572-a347-4f7a-a630-be066f3ba827", accepted.requestId());
        assertEquals("text/xml", accepted.contentType());
        assertEquals("x y", received.get(1).form().get("Unknown.Extra"));
        assertSignatureVerifies(received.get(1));
    }

    @Test
    void nonXmlErrorKeepsTheHeaderRequestId() {
        answer(404, "Not Found");
        OffpayClient client = clientBuilder().build();

        OffpayApiException e = assertThrows(OffpayApiException.class, () -> client.getCaptureDetails("S01-1-C1"));

        assertEquals(404, e.httpStatus());
        assertNull(e.errorCode());
        assertEquals("Not Found", e.errorMessage());
        assertEquals("header-request-id", e.requestId());
    }

    @Test
    void connectionFailuresAreRetriedThenReported() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OffpayClient client = clientBuilder().endpoint("http://127.0.0.1:" + closedPort).build();

        OffpayException e = assertThrows(OffpayException.class, () -> client.getServiceStatus());

        assertFalse(e instanceof OffpayApiException);
        assertTrue(e.getMessage().contains("after 3 attempt(s)"), e.getMessage());
    }

    @Test
    void endpointWithPathPrefix() {
        answer(200, ResponseParserTest.fixture("GetServiceStatusResponseGreenI.xml"));
        OffpayClient client = clientBuilder().endpoint("http://127.0.0.1:" + port() + "/pay/").build();

        assertEquals("GREEN_I", client.getServiceStatus().status());

        assertEquals("/pay/OffAmazonPayments_Sandbox/2013-01-01", received.get(0).path());
        assertSignatureVerifies(received.get(0));
    }

    @Test
    void builderRejectsMissingSettings() {
        assertThrows(IllegalArgumentException.class, () -> OffpayClient.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> OffpayClient.builder().endpoint("http://127.0.0.1:1").accessKey("a").secretKey("s").build());
        assertThrows(IllegalArgumentException.class,
                () -> OffpayClient.builder().endpoint("ftp://h").sellerId("x").accessKey("a").secretKey("s").build());
    }
}
