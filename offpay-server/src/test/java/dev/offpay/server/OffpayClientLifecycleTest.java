package dev.offpay.server;

import dev.offpay.client.AuthorizationDetails;
import dev.offpay.client.AuthorizeRequest;
import dev.offpay.client.CaptureDetails;
import dev.offpay.client.CaptureRequest;
import dev.offpay.client.OffpayApiException;
import dev.offpay.client.OffpayClient;
import dev.offpay.client.Price;
import dev.offpay.client.RefundRequest;
import dev.offpay.client.RetryPolicy;
import dev.offpay.client.SetOrderReferenceDetailsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The payment lifecycle and every sandbox simulation, driven through offpay-client over real HTTP. */
class OffpayClientLifecycleTest {
    static TestServer t;
    static OffpayClient client;

    @BeforeAll
    static void start() throws Exception {
        t = TestServer.start();
        client = OffpayClient.builder().endpoint(t.url()).sandbox(true).sellerId(t.seller().id())
                .accessKey(t.seller().accessKey()).secretKey(t.seller().secretKey()).retryPolicy(RetryPolicy.none()).build();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static String ref() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static Price usd(String amount) {
        return Price.of(amount, "USD");
    }

    static String openOrder(String total) throws Exception {
        String oro = t.draft();
        client.setOrderReferenceDetails(SetOrderReferenceDetailsRequest.of(oro, usd(total)));
        client.confirmOrderReference(oro);
        return oro;
    }

    static String state(String oro) {
        return client.getOrderReferenceDetails(oro).orderReferenceDetails().state();
    }

    static AuthorizationDetails authorize(String oro, String amount, String note, int timeout) {
        AuthorizeRequest r = AuthorizeRequest.of(oro, ref(), usd(amount)).withTransactionTimeout(timeout);
        if (note != null) r = r.withSellerAuthorizationNote(note);
        return client.authorize(r).authorizationDetails();
    }

    static String sim(String state, String reason, String extra) {
        return "{\"SandboxSimulation\": {\"State\":\"" + state + "\"" + (reason == null ? "" : ", \"ReasonCode\":\"" + reason + "\"")
                + (extra == null ? "" : ", " + extra) + "}}";
    }

    @Test
    void asyncAuthorizationIsPendingUntilTheSandboxDelayPasses() throws Exception {
        String oro = openOrder("50.00");
        AuthorizationDetails a = authorize(oro, "50.00", null, 1440);
        assertEquals("Pending", a.state());
        t.advance(t.seller(), "PT31S");
        assertEquals("Open", client.getAuthorizationDetails(a.amazonAuthorizationId()).authorizationDetails().state());
    }

    @Test
    void splitShipmentWithSeveralAuthorizationsAndOverCharge() throws Exception {
        String oro = openOrder("100.00");
        AuthorizationDetails a1 = authorize(oro, "60.00", null, 0);
        AuthorizationDetails a2 = authorize(oro, "55.00", null, 0); // up to min(15 %, 75) over the total
        assertThrows(OffpayApiException.class, () -> authorize(oro, "0.01", null, 0), "115.00 is the ceiling");
        client.capture(CaptureRequest.of(a1.amazonAuthorizationId(), ref(), usd("60.00")));
        client.capture(CaptureRequest.of(a2.amazonAuthorizationId(), ref(), usd("55.00")));
        assertEquals("Closed", state(oro));
        assertEquals("MaxAmountCharged", client.getOrderReferenceDetails(oro).orderReferenceDetails().orderReferenceStatus().reasonCode());
    }

    @Test
    void captureNowClosesTheAuthorization() throws Exception {
        String oro = openOrder("10.00");
        AuthorizationDetails a = client.authorize(AuthorizeRequest.of(oro, ref(), usd("10.00")).withTransactionTimeout(0).withCaptureNow(true))
                .authorizationDetails();
        assertEquals("Closed", a.state());
        assertEquals("MaxCapturesProcessed", a.authorizationStatus().reasonCode());
        String captureId = a.captureIds().get(0);
        assertEquals(a.amazonAuthorizationId().substring(a.amazonAuthorizationId().length() - 6), captureId.substring(captureId.length() - 6));
        assertEquals("Completed", client.getCaptureDetails(captureId).captureDetails().state());
    }

    @Test
    void refundCeilingAndCount() throws Exception {
        String oro = openOrder("100.00");
        AuthorizationDetails a = authorize(oro, "100.00", null, 0);
        CaptureDetails c = client.capture(CaptureRequest.of(a.amazonAuthorizationId(), ref(), usd("100.00"))).captureDetails();
        client.refund(RefundRequest.of(c.amazonCaptureId(), ref(), usd("110.00")));
        OffpayApiException over = assertThrows(OffpayApiException.class,
                () -> client.refund(RefundRequest.of(c.amazonCaptureId(), ref(), usd("5.01"))));
        assertEquals("TransactionAmountExceeded", over.errorCode());
        client.refund(RefundRequest.of(c.amazonCaptureId(), ref(), usd("5.00")));
        t.advance(t.seller(), "PT1M");
        CaptureDetails closed = client.getCaptureDetails(c.amazonCaptureId()).captureDetails();
        assertEquals("Closed", closed.state());
        assertEquals("MaxAmountRefunded", closed.captureStatus().reasonCode());
        assertEquals(0, new java.math.BigDecimal("115.00").compareTo(closed.refundedAmount().amount()));
    }

    @Test
    void authorizationSimulations() throws Exception {
        String rejected = openOrder("10.00");
        AuthorizationDetails r = authorize(rejected, "10.00", sim("Declined", "AmazonRejected", null), 0);
        assertEquals("AmazonRejected", r.authorizationStatus().reasonCode());
        assertEquals("Closed", state(rejected));

        String timedOut = openOrder("10.00");
        assertEquals("TransactionTimedOut", authorize(timedOut, "10.00", sim("Declined", "TransactionTimedOut", null), 0)
                .authorizationStatus().reasonCode());
        assertEquals("Open", state(timedOut));

        String expiring = openOrder("10.00");
        AuthorizationDetails e = authorize(expiring, "10.00", sim("Closed", "ExpiredUnused", "\"ExpirationTimeInMins\":1"), 0);
        assertEquals("Open", e.state());
        t.advance(t.seller(), "PT61S");
        assertEquals("ExpiredUnused", client.getAuthorizationDetails(e.amazonAuthorizationId()).authorizationDetails()
                .authorizationStatus().reasonCode());

        String amazonClosed = openOrder("10.00");
        assertEquals("AmazonClosed", authorize(amazonClosed, "10.00", sim("Closed", "AmazonClosed", null), 0)
                .authorizationStatus().reasonCode());

        String async = openOrder("10.00");
        AuthorizationDetails pending = authorize(async, "10.00", sim("Declined", "InvalidPaymentMethod", null), 60);
        assertEquals("Pending", pending.state());
        t.advance(t.seller(), "PT31S");
        assertEquals("Suspended", state(async));
    }

    @Test
    void captureRefundAndCloseSimulations() throws Exception {
        String oro = openOrder("30.00");
        AuthorizationDetails a1 = authorize(oro, "10.00", null, 0);
        AuthorizationDetails a2 = authorize(oro, "10.00", null, 0);
        AuthorizationDetails a3 = authorize(oro, "10.00", null, 0);
        CaptureDetails pending = client.capture(CaptureRequest.of(a1.amazonAuthorizationId(), ref(), usd("10.00"))
                .withSellerCaptureNote(sim("Pending", null, null))).captureDetails();
        assertEquals("Pending", pending.state());
        CaptureDetails declined = client.capture(CaptureRequest.of(a2.amazonAuthorizationId(), ref(), usd("10.00"))
                .withSellerCaptureNote("{\"SandboxSimulation\": {\"State\": \"Declined\"}, {\"ReasonCode\": \"AmazonRejected\"}}")).captureDetails();
        assertEquals("Declined", declined.state());
        CaptureDetails closed = client.capture(CaptureRequest.of(a3.amazonAuthorizationId(), ref(), usd("10.00"))
                .withSellerCaptureNote(sim("Closed", "AmazonClosed", null))).captureDetails();
        assertEquals("AmazonClosed", closed.captureStatus().reasonCode());
        t.advance(t.seller(), "PT31S");
        assertEquals("Completed", client.getCaptureDetails(pending.amazonCaptureId()).captureDetails().state());
        var refund = client.refund(RefundRequest.of(pending.amazonCaptureId(), ref(), usd("1.00"))
                .withSellerRefundNote(sim("Declined", "AmazonRejected", null))).refundDetails();
        t.advance(t.seller(), "PT31S");
        assertEquals("Declined", client.getRefundDetails(refund.amazonRefundId()).refundDetails().state());
        client.closeOrderReference(oro, sim("Closed", "AmazonClosed", null));
        assertEquals("AmazonClosed", client.getOrderReferenceDetails(oro).orderReferenceDetails().orderReferenceStatus().reasonCode());
    }

    @Test
    void paymentMethodNotAllowedConstraintAndTimers() throws Exception {
        String oro = t.draft();
        var details = client.setOrderReferenceDetails(SetOrderReferenceDetailsRequest.of(oro, usd("5.00"))
                .withSellerNote("{\"SandboxSimulation\": {\"Constraint\":\"PaymentMethodNotAllowed\"}}")).orderReferenceDetails();
        assertEquals("PaymentMethodNotAllowed", details.constraints().get(0).id());
        OffpayApiException e = assertThrows(OffpayApiException.class, () -> client.confirmOrderReference(oro));
        assertEquals("ConstraintsExist", e.errorCode());
        assertTrue(e.errorMessage().contains("PaymentMethodNotAllowed"));

        String stale = t.draft();
        t.advance(t.seller(), "PT3H1M");
        var s = client.getOrderReferenceDetails(stale).orderReferenceDetails().orderReferenceStatus();
        assertEquals("Canceled", s.state());
        assertEquals("Stale", s.reasonCode());

        String open = openOrder("5.00");
        AuthorizationDetails a = authorize(open, "5.00", null, 0);
        t.advance(t.seller(), "P2DT1M");
        assertEquals("ExpiredUnused", client.getAuthorizationDetails(a.amazonAuthorizationId()).authorizationDetails()
                .authorizationStatus().reasonCode());
        t.advance(t.seller(), "P181D");
        assertEquals("Expired", client.getOrderReferenceDetails(open).orderReferenceDetails().orderReferenceStatus().reasonCode());
    }
}
