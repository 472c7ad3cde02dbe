package dev.offpay.server;

import com.amazon.pay.impl.PayClient;
import com.amazon.pay.impl.PayConfig;
import com.amazon.pay.exceptions.AmazonServiceException;
import com.amazon.pay.request.AuthorizeRequest;
import com.amazon.pay.request.CaptureRequest;
import com.amazon.pay.request.CloseOrderReferenceRequest;
import com.amazon.pay.request.ConfirmOrderReferenceRequest;
import com.amazon.pay.request.GetOrderReferenceDetailsRequest;
import com.amazon.pay.request.GetRefundDetailsRequest;
import com.amazon.pay.request.ListOrderReferenceRequest;
import com.amazon.pay.request.RefundRequest;
import com.amazon.pay.request.SetOrderReferenceDetailsRequest;
import com.amazon.pay.response.model.AuthorizationDetails;
import com.amazon.pay.response.model.CaptureDetails;
import com.amazon.pay.response.model.OrderReferenceDetails;
import com.amazon.pay.response.model.RefundDetails;
import com.amazon.pay.response.parser.GetPaymentDetails;
import com.amazon.pay.types.CurrencyCode;
import com.amazon.pay.types.Region;
import dev.offpay.core.Seller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unmodified official Amazon Pay Java SDK (com.amazon.pay:amazon-pay-java-sdk) against a real Offpay server. */
class OfficialJavaSdkTest {
    static TestServer t;
    static PayClient client;

    @BeforeAll
    static void start() throws Exception {
        t = TestServer.start();
        client = client(t.seller(), t.seller().secretKey());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static PayClient client(Seller s, String secret) {
        PayConfig config = new PayConfig().withSellerId(s.id()).withAccessKey(s.accessKey()).withSecretKey(secret)
                .withSandboxMode(true).withRegion(Region.US).withCurrencyCode(CurrencyCode.USD)
                // As a user would point the SDK at Offpay; the SDK then signs the literal "http://host:port".
                .withOverrideServiceURL(t.url());
        return new PayClient(config);
    }

    static String ref() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    @Test
    void serviceStatusIsGreen() throws Exception {
        assertEquals("GREEN", client.getServiceStatus().getStatus().toString());
    }

    @Test
    void fullFlowParsesInTheOfficialSdk() throws Exception {
        String oro = t.draft();
        OrderReferenceDetails draft = client.getOrderReferenceDetails(new GetOrderReferenceDetailsRequest(oro)).getDetails();
        assertEquals("Draft", draft.getOrderReferenceStatus().getState());
        assertNull(draft.getBuyer(), "the buyer is revealed only after confirmation");
        assertNull(draft.getDestination().getPhysicalDestination().getAddressLine1(), "only a partial address before confirmation");
        assertEquals("AmountNotSet", draft.getConstraints().getConstraint().get(0).getConstraintID());

        OrderReferenceDetails set = client.setOrderReferenceDetails(new SetOrderReferenceDetailsRequest(oro, "106.00")
                .setSellerOrderId("ORDER-42").setStoreName("Offpay Shop").setSellerNote("thanks")).getDetails();
        assertEquals("106.00", set.getOrderTotal().getAmount());
        assertEquals("ORDER-42", set.getSellerOrderAttributes().getSellerOrderId());

        client.confirmOrderReference(new ConfirmOrderReferenceRequest(oro));
        OrderReferenceDetails open = client.getOrderReferenceDetails(new GetOrderReferenceDetailsRequest(oro)).getDetails();
        assertEquals("Open", open.getOrderReferenceStatus().getState());
        assertNotNull(open.getBuyer().getEmail());
        assertNotNull(open.getDestination().getPhysicalDestination().getAddressLine1());
        assertEquals("SANDBOX", open.getReleaseEnvironment().name(), "ReleaseEnvironment parsed by the SDK enum");

        AuthorizationDetails auth = client.authorize(new AuthorizeRequest(oro, ref(), "106.00").setTransactionTimeout("0"))
                .getDetails();
        assertEquals("Open", auth.getAuthorizationStatus().getState());
        assertTrue(auth.getAmazonAuthorizationId().startsWith(oro + "-A"));

        CaptureDetails capture = client.capture(new CaptureRequest(auth.getAmazonAuthorizationId(), ref(), "106.00")).getDetails();
        assertEquals("Completed", capture.getCaptureStatus().getState());
        assertTrue(capture.getAmazonCaptureId().startsWith(oro + "-C"));

        RefundDetails refund = client.refund(new RefundRequest(capture.getAmazonCaptureId(), ref(), "6.00")).getDetails();
        assertEquals("Pending", refund.getRefundStatus().getState());
        assertEquals("SellerInitiated", refund.getRefundType().toString());

        t.advance(t.seller(), "PT31S");
        RefundDetails done = client.getRefundDetails(new GetRefundDetailsRequest(refund.getAmazonRefundId())).getDetails();
        assertEquals("Completed", done.getRefundStatus().getState());

        client.closeOrderReference(new CloseOrderReferenceRequest(oro));
        // The SDK walks ORO IdList → authorizations → captures → refunds with four kinds of Get calls.
        GetPaymentDetails all = client.getPaymentDetails(oro);
        assertEquals("Closed", all.getOrderReferenceDetails().getOrderReferenceStatus().getState());
        assertEquals(1, all.getAuthorizationDetails().size());
        assertEquals(1, all.getCaptureDetails().size());
        assertEquals(1, all.getRefundDetails().size());
        assertEquals("106.00", all.getCaptureDetails().values().iterator().next().getCaptureAmount().getAmount());

        var list = client.listOrderReference(new ListOrderReferenceRequest("ORDER-42", "SellerOrderId"));
        assertEquals(oro, list.getOrderReferences().get(0).getAmazonOrderReferenceId());
    }

    @Test
    void errorsCarryCodeMessageStatusAndRequestId() throws Exception {
        AmazonServiceException unknown = assertThrows(AmazonServiceException.class,
                () -> client.getOrderReferenceDetails(new GetOrderReferenceDetailsRequest("S01-0000000-0000000")));
        assertEquals(404, unknown.getStatusCode());
        assertEquals("InvalidOrderReferenceId", unknown.getErrorCode());
        assertEquals("Sender", unknown.getErrorType());
        assertNotNull(unknown.getRequestId());

        String oro = t.draft();
        client.setOrderReferenceDetails(new SetOrderReferenceDetailsRequest(oro, "10"));
        client.confirmOrderReference(new ConfirmOrderReferenceRequest(oro));
        AmazonServiceException notModifiable = assertThrows(AmazonServiceException.class,
                () -> client.setOrderReferenceDetails(new SetOrderReferenceDetailsRequest(oro, "12")));
        assertEquals("OrderReferenceNotModifiable", notModifiable.getErrorCode());
        assertEquals(405, notModifiable.getStatusCode());

        AmazonServiceException badAmount = assertThrows(AmazonServiceException.class,
                () -> client.authorize(new AuthorizeRequest(oro, ref(), "ten")));
        assertEquals("InvalidParameterValue", badAmount.getErrorCode());
        assertTrue(badAmount.getErrorMessage().contains("ten"), badAmount.getErrorMessage());
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        PayClient wrong = client(t.seller(), t.seller().secretKey() + "x");
        AmazonServiceException e = assertThrows(AmazonServiceException.class, () -> wrong.getServiceStatus());
        assertEquals(403, e.getStatusCode());
        assertEquals("SignatureDoesNotMatch", e.getErrorCode());
    }

    @Test
    void simulatedDeclineSuspendsTheOrderReference() throws Exception {
        String oro = t.draft();
        client.setOrderReferenceDetails(new SetOrderReferenceDetailsRequest(oro, "20.00"));
        client.confirmOrderReference(new ConfirmOrderReferenceRequest(oro));
        AuthorizationDetails auth = client.authorize(new AuthorizeRequest(oro, ref(), "20.00").setTransactionTimeout("0")
                .setSellerAuthorizationNote("{\"SandboxSimulation\": {\"State\":\"Declined\", \"ReasonCode\":\"InvalidPaymentMethod\", "
                        + "\"PaymentMethodUpdateTimeInMins\":5}}")).getDetails();
        assertEquals("Declined", auth.getAuthorizationStatus().getState());
        assertEquals("InvalidPaymentMethod", auth.getAuthorizationStatus().getReasonCode());
        assertEquals("Suspended", client.getOrderReferenceDetails(new GetOrderReferenceDetailsRequest(oro)).getDetails()
                .getOrderReferenceStatus().getState());
        t.advance(t.seller(), "PT5M");
        assertEquals("Open", client.getOrderReferenceDetails(new GetOrderReferenceDetailsRequest(oro)).getDetails()
                .getOrderReferenceStatus().getState());
    }
}
