package dev.offpay.server;

import dev.offpay.core.Seller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the CV1 wire answers to good and bad requests: status, code, Content-Type, request id. */
class WireBehaviourTest {
    static TestServer t;
    static RawMws mws;
    static Seller other;

    @BeforeAll
    static void start() throws Exception {
        t = TestServer.start();
        mws = new RawMws(t.server.port());
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(t.url() + "/admin/v1/sellers"))
                .header("Authorization", "Bearer " + t.server.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"region\":\"DE\",\"storeName\":\"Other\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String id = r.body().replaceAll(".*\"sellerId\":\"([^\"]+)\".*", "$1");
        other = t.server.store().sellerById(id).orElseThrow();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static void assertError(RawMws.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.code(), r.body());
        assertEquals("text/xml", r.contentType(), "Content-Type must be exactly text/xml");
        assertTrue(r.body().contains("<ErrorResponse xmlns=\"http://mws.amazonservices.com/schema/OffAmazonPayments/2013-01-01\">"), r.body());
        assertNotNull(r.value("RequestId"));
        assertEquals(r.value("RequestId"), r.requestIdHeader());
        assertTrue(r.value("Message").length() > 10, "a message that says what was expected: " + r.body());
    }

    @Test
    void successHasExactContentTypeAndRequestId() throws Exception {
        RawMws.Reply r = mws.call(t.seller(), "GetServiceStatus");
        assertEquals(200, r.status());
        assertEquals("text/xml", r.contentType());
        assertEquals(r.value("RequestId"), r.requestIdHeader());
    }

    @Test
    void unknownActionIsInvalidAddress() throws Exception {
        assertError(mws.call(t.seller(), "FlyToTheMoon"), 400, "InvalidAddress");
    }

    @Test
    void wrongVersionIsInvalidAddress() throws Exception {
        assertError(mws.call(t.seller(), "GetServiceStatus", "Version", "2012-01-01"), 400, "InvalidAddress");
    }

    @Test
    void unknownAccessKey() throws Exception {
        Map<String, String> p = mws.common(t.seller(), "GetServiceStatus");
        p.put("AWSAccessKeyId", "AKIANOBODY");
        assertError(mws.send(p, "x", "localhost:" + t.server.port()), 403, "InvalidAccessKeyId");
    }

    @Test
    void wrongSignature() throws Exception {
        Map<String, String> p = mws.common(t.seller(), "GetServiceStatus");
        assertError(mws.send(p, "not-the-secret", "localhost:" + t.server.port()), 403, "SignatureDoesNotMatch");
    }

    @Test
    void missingSignatureAndMissingParameters() throws Exception {
        Map<String, String> p = mws.common(t.seller(), "GetServiceStatus");
        assertError(mws.post(p), 400, "InvalidParameterValue");
        assertError(mws.call(t.seller(), "GetOrderReferenceDetails"), 400, "InvalidParameterValue");
    }

    @Test
    void staleTimestamp() throws Exception {
        mws.timestamp = Instant.now().minusSeconds(16 * 60);
        try {
            RawMws.Reply r = mws.call(t.seller(), "GetServiceStatus");
            assertError(r, 400, "InvalidParameterValue");
            assertTrue(r.value("Message").contains("15 minutes"), r.body());
        } finally {
            mws.timestamp = null;
        }
    }

    @Test
    void anotherSellersObjectIsInvisible() throws Exception {
        String mine = t.draft();
        assertError(mws.call(other, "GetOrderReferenceDetails", "AmazonOrderReferenceId", mine), 404, "InvalidOrderReferenceId");
        // Acting for another SellerId without an MWSAuthToken is refused.
        Map<String, String> p = mws.common(other, "GetOrderReferenceDetails");
        p.put("SellerId", t.seller().id());
        p.put("AmazonOrderReferenceId", mine);
        assertError(mws.send(p, other.secretKey(), "localhost:" + t.server.port()), 401, "AccessDenied");
    }

    @Test
    void liveCannotSeeSandboxObjects() throws Exception {
        String mine = t.draft();
        mws.path = "/OffAmazonPayments/2013-01-01";
        try {
            assertError(mws.call(t.seller(), "GetOrderReferenceDetails", "AmazonOrderReferenceId", mine), 404, "InvalidOrderReferenceId");
        } finally {
            mws.path = "/OffAmazonPayments_Sandbox/2013-01-01";
        }
    }

    @Test
    void trailingSlashPathIsServed() throws Exception {
        mws.path = "/OffAmazonPayments_Sandbox/2013-01-01/";
        try {
            assertEquals(200, mws.call(t.seller(), "GetServiceStatus").status());
        } finally {
            mws.path = "/OffAmazonPayments_Sandbox/2013-01-01";
        }
    }

    @Test
    void mwsAuthTokenDelegation() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(t.url() + "/admin/v1/sellers/" + t.seller().id() + "/mws-auth-tokens"))
                .header("Authorization", "Bearer " + t.server.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"developerId\":\"" + other.id() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String token = r.body().replaceAll(".*\"mwsAuthToken\":\"([^\"]+)\".*", "$1");
        String mine = t.draft();
        Map<String, String> p = mws.common(other, "GetOrderReferenceDetails");
        p.put("SellerId", t.seller().id());
        p.put("MWSAuthToken", token);
        p.put("AmazonOrderReferenceId", mine);
        RawMws.Reply ok = mws.send(p, other.secretKey(), "localhost:" + t.server.port());
        assertEquals(200, ok.status(), ok.body());
        Map<String, String> bad = mws.common(other, "GetOrderReferenceDetails");
        bad.put("SellerId", t.seller().id());
        bad.put("MWSAuthToken", "amzn.mws.not-a-grant");
        bad.put("AmazonOrderReferenceId", mine);
        assertError(mws.send(bad, other.secretKey(), "localhost:" + t.server.port()), 401, "AccessDenied");
    }

    @Test
    void malformedValuesGetClearErrors() throws Exception {
        String oro = t.draft();
        RawMws.Reply amount = mws.call(t.seller(), "SetOrderReferenceDetails", "AmazonOrderReferenceId", oro,
                "OrderReferenceAttributes.OrderTotal.Amount", "12,50", "OrderReferenceAttributes.OrderTotal.CurrencyCode", "USD");
        assertError(amount, 400, "InvalidParameterValue");
        assertTrue(amount.value("Message").contains("12,50"), amount.body());
        assertError(mws.call(t.seller(), "SetOrderReferenceDetails", "AmazonOrderReferenceId", oro,
                "OrderReferenceAttributes.OrderTotal.Amount", "12.345", "OrderReferenceAttributes.OrderTotal.CurrencyCode", "USD"), 400, "InvalidParameterValue");
        assertError(mws.call(t.seller(), "SetOrderReferenceDetails", "AmazonOrderReferenceId", oro,
                "OrderReferenceAttributes.OrderTotal.Amount", "12", "OrderReferenceAttributes.OrderTotal.CurrencyCode", "XYZ"), 400, "InvalidParameterValue");
        assertEquals(200, mws.call(t.seller(), "SetOrderReferenceDetails", "AmazonOrderReferenceId", oro,
                "OrderReferenceAttributes.OrderTotal.Amount", "12", "OrderReferenceAttributes.OrderTotal.CurrencyCode", "USD").status());
        mws.call(t.seller(), "ConfirmOrderReference", "AmazonOrderReferenceId", oro);
        assertError(mws.call(t.seller(), "Authorize", "AmazonOrderReferenceId", oro, "AuthorizationReferenceId", "has spaces!",
                "AuthorizationAmount.Amount", "1", "AuthorizationAmount.CurrencyCode", "USD"), 400, "InvalidParameterValue");
        assertError(mws.call(t.seller(), "Authorize", "AmazonOrderReferenceId", oro, "AuthorizationReferenceId", "r-eur",
                "AuthorizationAmount.Amount", "1", "AuthorizationAmount.CurrencyCode", "EUR"), 400, "CurrencyMismatch");
        assertError(mws.call(t.seller(), "Authorize", "AmazonOrderReferenceId", oro, "AuthorizationReferenceId", "r-big",
                "AuthorizationAmount.Amount", "100", "AuthorizationAmount.CurrencyCode", "USD"), 400, "TransactionAmountExceeded");
        assertError(mws.call(t.seller(), "Authorize", "AmazonOrderReferenceId", oro, "AuthorizationReferenceId", "r-sim",
                "AuthorizationAmount.Amount", "1", "AuthorizationAmount.CurrencyCode", "USD",
                "SellerAuthorizationNote", "{\"SandboxSimulation\":{\"State\":\"Open\",\"ReasonCode\":\"Nope\"}}"), 400, "InvalidSandboxSimulationSpecified");
        assertError(mws.call(t.seller(), "Authorize", "AmazonOrderReferenceId", oro, "AuthorizationReferenceId", "r-bool",
                "AuthorizationAmount.Amount", "1", "AuthorizationAmount.CurrencyCode", "USD", "CaptureNow", "yes"), 400, "InvalidParameterValue");
        assertError(mws.call(t.seller(), "GetAuthorizationDetails", "AmazonAuthorizationId", "nonsense"), 404, "InvalidTransactionId");
        assertError(mws.call(t.seller(), "GetOrderReferenceDetails", "AmazonOrderReferenceId", oro, "AccessToken", "garbage"), 404,
                "InvalidAddressConsentToken");
    }

    @Test
    void referenceIdsAreIdempotent() throws Exception {
        String oro = t.draft();
        mws.call(t.seller(), "SetOrderReferenceDetails", "AmazonOrderReferenceId", oro,
                "OrderReferenceAttributes.OrderTotal.Amount", "50", "OrderReferenceAttributes.OrderTotal.CurrencyCode", "USD");
        mws.call(t.seller(), "ConfirmOrderReference", "AmazonOrderReferenceId", oro);
        RawMws.Reply a1 = mws.call(t.seller(), "Authorize", "AmazonOrderReferenceId", oro, "AuthorizationReferenceId", "idem-1",
                "AuthorizationAmount.Amount", "10", "AuthorizationAmount.CurrencyCode", "USD", "TransactionTimeout", "0");
        RawMws.Reply a2 = mws.call(t.seller(), "Authorize", "AmazonOrderReferenceId", oro, "AuthorizationReferenceId", "idem-1",
                "AuthorizationAmount.Amount", "10", "AuthorizationAmount.CurrencyCode", "USD", "TransactionTimeout", "0");
        assertEquals(a1.value("AmazonAuthorizationId"), a2.value("AmazonAuthorizationId"), "a replay returns the same authorization");
        assertError(mws.call(t.seller(), "Authorize", "AmazonOrderReferenceId", oro, "AuthorizationReferenceId", "idem-1",
                "AuthorizationAmount.Amount", "11", "AuthorizationAmount.CurrencyCode", "USD", "TransactionTimeout", "0"), 400, "DuplicateRequest");
        RawMws.Reply cap = mws.call(t.seller(), "Capture", "AmazonAuthorizationId", a1.value("AmazonAuthorizationId"),
                "CaptureReferenceId", "idem-1", "CaptureAmount.Amount", "10", "CaptureAmount.CurrencyCode", "USD");
        assertError(cap, 400, "DuplicateReferenceId");
    }

    @Test
    void throttlingWhenEnabled() throws Exception {
        try (TestServer throttled = new TestServer(Config.builder().throttle(true))) {
            RawMws raw = new RawMws(throttled.server.port());
            int ok = 0;
            RawMws.Reply last = null;
            for (int i = 0; i < 4; i++) {
                last = raw.call(throttled.seller(), "GetServiceStatus");
                if (last.status() == 200) ok++;
            }
            assertEquals(2, ok, "GetServiceStatus quota is 2");
            assertEquals(503, last.status());
            assertEquals("RequestThrottled", last.code());
            assertTrue(last.body().contains("<RequestID>"), last.body());
        }
    }
}
