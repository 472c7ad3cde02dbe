package dev.offpay.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.offpay.client.AuthorizationDetails;
import dev.offpay.client.AuthorizeRequest;
import dev.offpay.client.CaptureDetails;
import dev.offpay.client.CaptureRequest;
import dev.offpay.client.OffpayApiException;
import dev.offpay.client.OffpayClient;
import dev.offpay.client.OffpayException;
import dev.offpay.client.OrderReferenceDetails;
import dev.offpay.client.Price;
import dev.offpay.client.RefundDetails;
import dev.offpay.client.RefundRequest;
import dev.offpay.client.SellerOrderAttributes;
import dev.offpay.client.SetOrderReferenceDetailsRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * One full seller checkout, the way a shop drives it: Draft from the sandbox helper →
 * SetOrderReferenceDetails → ConfirmOrderReference → GetOrderReferenceDetails → Authorize
 * (synchronous) → Capture (full) → CloseOrderReference → Refund (partial) → GetRefundDetails.
 */
public final class CheckoutFlow {

    /** Why a flow stopped before its last step; the cause has already been recorded. */
    static final class Abandoned extends Exception {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super(null, null, false, false);
        }
    }

    private final OffpayClient client;
    private final SandboxOrderReferences sandbox;
    private final Price orderTotal;
    private final Price refundAmount;
    private final LongSupplier nanoClock;

    /** A flow for {@code currency} (order total 100.00, refund 10.00). */
    public CheckoutFlow(OffpayClient client, SandboxOrderReferences sandbox, String currency, LongSupplier nanoClock) {
        this.client = client;
        this.sandbox = sandbox;
        this.orderTotal = Price.of(new BigDecimal("100.00"), currency);
        this.refundAmount = Price.of(new BigDecimal("10.00"), currency);
        this.nanoClock = nanoClock;
    }

    /**
     * Runs one flow, recording every call into {@code recorder}. Returns whether the flow completed;
     * it stops early, without counting that as an error, once {@code deadlineNanos} has passed.
     */
    public boolean run(FlowRecorder recorder, long deadlineNanos) throws InterruptedException {
        try {
            String id = call(recorder, deadlineNanos, FlowStep.CREATE_ORDER_REFERENCE, sandbox::createDraft);
            call(recorder, deadlineNanos, FlowStep.SET_ORDER_REFERENCE_DETAILS,
                    () -> client.setOrderReferenceDetails(SetOrderReferenceDetailsRequest.of(id, orderTotal)
                            .withSellerOrderAttributes(SellerOrderAttributes.ofSellerOrderId("bench-" + id))));
            call(recorder, deadlineNanos, FlowStep.CONFIRM_ORDER_REFERENCE, () -> client.confirmOrderReference(id));
            OrderReferenceDetails order = call(recorder, deadlineNanos, FlowStep.GET_ORDER_REFERENCE_DETAILS,
                    () -> client.getOrderReferenceDetails(id)).orderReferenceDetails();
            expectState(recorder, FlowStep.GET_ORDER_REFERENCE_DETAILS, "Open", order.state(), null);

            // Reference ids derive from the order reference id: unique per seller across runs, and
            // within the 32-character limit (19 + 2).
            AuthorizationDetails authorization = call(recorder, deadlineNanos, FlowStep.AUTHORIZE,
                    () -> client.authorize(AuthorizeRequest.of(id, id + "-a", orderTotal).withTransactionTimeout(0)))
                    .authorizationDetails();
            expectState(recorder, FlowStep.AUTHORIZE, "Open", authorization.state(),
                    authorization.authorizationStatus() == null ? null : authorization.authorizationStatus().reasonCode());

            CaptureDetails capture = call(recorder, deadlineNanos, FlowStep.CAPTURE,
                    () -> client.capture(CaptureRequest.of(authorization.amazonAuthorizationId(), id + "-c", orderTotal)))
                    .captureDetails();
            expectState(recorder, FlowStep.CAPTURE, "Completed", capture.state(),
                    capture.captureStatus() == null ? null : capture.captureStatus().reasonCode());

            call(recorder, deadlineNanos, FlowStep.CLOSE_ORDER_REFERENCE, () -> client.closeOrderReference(id, null));
            RefundDetails refund = call(recorder, deadlineNanos, FlowStep.REFUND,
                    () -> client.refund(RefundRequest.of(capture.amazonCaptureId(), id + "-r", refundAmount)))
                    .refundDetails();
            call(recorder, deadlineNanos, FlowStep.GET_REFUND_DETAILS, () -> client.getRefundDetails(refund.amazonRefundId()));
            recorder.recordFlow();
            return true;
        } catch (Abandoned abandoned) {
            return false;
        }
    }

    private <T> T call(FlowRecorder recorder, long deadlineNanos, FlowStep step, Callable<T> action)
            throws Abandoned, InterruptedException {
        if (nanoClock.getAsLong() - deadlineNanos >= 0 || Thread.currentThread().isInterrupted()) {
            throw new Abandoned();
        }
        long start = nanoClock.getAsLong();
        try {
            T result = action.call();
            recorder.recordCall(step, nanoClock.getAsLong() - start);
            return result;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                // The run is being torn down; the failure is ours, not the server's.
                throw new Abandoned();
            }
            recorder.recordError(step, errorCode(e));
            throw new Abandoned();
        }
    }

    private static void expectState(FlowRecorder recorder, FlowStep step, String expected, String actual, String reason)
            throws Abandoned {
        if (!expected.equals(actual)) {
            recorder.recordError(step, "UnexpectedState:" + actual + (reason == null ? "" : "/" + reason));
            throw new Abandoned();
        }
    }

    /** The key an error is counted under: the API's error code when there is one. */
    static String errorCode(Exception e) {
        if (e instanceof OffpayApiException api) {
            return api.errorCode() != null ? api.errorCode() : "HTTP " + api.httpStatus();
        }
        if (e instanceof SandboxOrderReferences.HelperException helper) {
            return helper.errorCode() != null ? helper.errorCode() : "HTTP " + helper.httpStatus();
        }
        if (e instanceof JsonProcessingException) {
            return "MalformedResponse";
        }
        Throwable cause = e instanceof OffpayException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HttpTimeoutException) {
            return "Timeout";
        }
        if (cause instanceof IOException) {
            return "NoResponse:" + cause.getClass().getSimpleName();
        }
        if (e instanceof OffpayException) {
            return "MalformedResponse";
        }
        return e.getClass().getSimpleName();
    }
}
