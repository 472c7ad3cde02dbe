package dev.offpay.core;

/**
 * The states and events of the four payment objects, and their transition tables (spec §7).
 * Constants are spelled exactly as on the wire ("Open", "Closed") so {@code name()} is the wire value.
 */
public final class States {
    private States() {
    }

    /** Order reference states. */
    public enum OrderReferenceState { Draft, Open, Suspended, Canceled, Closed }

    /** Things that happen to an order reference. */
    public enum OrderReferenceEvent {
        CONFIRM, DECLINED_INVALID_PAYMENT_METHOD, PAYMENT_METHOD_UPDATED, SELLER_CANCEL, STALE, AMAZON_CANCEL,
        SELLER_CLOSE, AMAZON_CLOSE, EXPIRE, MAX_AMOUNT_CHARGED, MAX_AUTHORIZATIONS_CAPTURED, MAX_AUTHORIZATIONS_PROCESSED
    }

    /** Authorization states. */
    public enum AuthorizationState { Pending, Open, Declined, Closed }

    /** Things that happen to an authorization. */
    public enum AuthorizationEvent {
        APPROVE, DECLINE_INVALID_PAYMENT_METHOD, DECLINE_AMAZON_REJECTED, DECLINE_PROCESSING_FAILURE, TIME_OUT,
        CAPTURE, SELLER_CLOSE, EXPIRE_UNUSED, AMAZON_CLOSE, ORDER_REFERENCE_CANCELED
    }

    /** Capture states. */
    public enum CaptureState { Pending, Declined, Completed, Closed }

    /** Things that happen to a capture. */
    public enum CaptureEvent { COMPLETE, DECLINE_AMAZON_REJECTED, DECLINE_PROCESSING_FAILURE, MAX_AMOUNT_REFUNDED, MAX_REFUNDS_PROCESSED, AMAZON_CLOSE }

    /** Refund states. */
    public enum RefundState { Pending, Declined, Completed }

    /** Things that happen to a refund. */
    public enum RefundEvent { COMPLETE, DECLINE_AMAZON_REJECTED, DECLINE_PROCESSING_FAILURE }

    public static final TransitionTable<OrderReferenceState, OrderReferenceEvent> ORDER_REFERENCE;
    public static final TransitionTable<AuthorizationState, AuthorizationEvent> AUTHORIZATION;
    public static final TransitionTable<CaptureState, CaptureEvent> CAPTURE;
    public static final TransitionTable<RefundState, RefundEvent> REFUND;

    static {
        OrderReferenceState D = OrderReferenceState.Draft, O = OrderReferenceState.Open, S = OrderReferenceState.Suspended,
                X = OrderReferenceState.Canceled, C = OrderReferenceState.Closed;
        ORDER_REFERENCE = TransitionTable.<OrderReferenceState, OrderReferenceEvent>builder(OrderReferenceState.class)
                .rule(D, OrderReferenceEvent.CONFIRM, O, null)
                .rule(D, OrderReferenceEvent.STALE, X, "Stale")
                .rule(D, OrderReferenceEvent.SELLER_CANCEL, X, "SellerCanceled") // the guide: Draft, Open or Suspended
                .rule(O, OrderReferenceEvent.DECLINED_INVALID_PAYMENT_METHOD, S, "InvalidPaymentMethod")
                .rule(S, OrderReferenceEvent.PAYMENT_METHOD_UPDATED, O, null)
                .rule(O, OrderReferenceEvent.SELLER_CANCEL, X, "SellerCanceled")
                .rule(S, OrderReferenceEvent.SELLER_CANCEL, X, "SellerCanceled")
                .rule(O, OrderReferenceEvent.AMAZON_CANCEL, X, "AmazonCanceled")
                .rule(S, OrderReferenceEvent.AMAZON_CANCEL, X, "AmazonCanceled")
                .rule(O, OrderReferenceEvent.SELLER_CLOSE, C, "SellerClosed")
                .rule(S, OrderReferenceEvent.SELLER_CLOSE, C, "SellerClosed")
                .rule(O, OrderReferenceEvent.AMAZON_CLOSE, C, "AmazonClosed")
                .rule(S, OrderReferenceEvent.AMAZON_CLOSE, C, "AmazonClosed")
                .rule(O, OrderReferenceEvent.EXPIRE, C, "Expired")
                .rule(S, OrderReferenceEvent.EXPIRE, C, "Expired")
                .rule(O, OrderReferenceEvent.MAX_AMOUNT_CHARGED, C, "MaxAmountCharged")
                .rule(S, OrderReferenceEvent.MAX_AMOUNT_CHARGED, C, "MaxAmountCharged")
                .rule(O, OrderReferenceEvent.MAX_AUTHORIZATIONS_CAPTURED, C, "MaxAuthorizationsCaptured")
                .rule(S, OrderReferenceEvent.MAX_AUTHORIZATIONS_CAPTURED, C, "MaxAuthorizationsCaptured")
                .rule(O, OrderReferenceEvent.MAX_AUTHORIZATIONS_PROCESSED, C, "MaxAuthorizationsProcessed")
                .build();

        AuthorizationState P = AuthorizationState.Pending, AO = AuthorizationState.Open,
                AD = AuthorizationState.Declined, AC = AuthorizationState.Closed;
        AUTHORIZATION = TransitionTable.<AuthorizationState, AuthorizationEvent>builder(AuthorizationState.class)
                .rule(P, AuthorizationEvent.APPROVE, AO, null)
                .rule(P, AuthorizationEvent.DECLINE_INVALID_PAYMENT_METHOD, AD, "InvalidPaymentMethod")
                .rule(P, AuthorizationEvent.DECLINE_AMAZON_REJECTED, AD, "AmazonRejected")
                .rule(P, AuthorizationEvent.DECLINE_PROCESSING_FAILURE, AD, "ProcessingFailure")
                .rule(P, AuthorizationEvent.TIME_OUT, AD, "TransactionTimedOut")
                .rule(P, AuthorizationEvent.SELLER_CLOSE, AC, "SellerClosed")
                .rule(P, AuthorizationEvent.AMAZON_CLOSE, AC, "AmazonClosed")
                .rule(P, AuthorizationEvent.ORDER_REFERENCE_CANCELED, AC, "OrderReferenceCanceled")
                .rule(AO, AuthorizationEvent.CAPTURE, AC, "MaxCapturesProcessed")
                .rule(AO, AuthorizationEvent.SELLER_CLOSE, AC, "SellerClosed")
                .rule(AO, AuthorizationEvent.EXPIRE_UNUSED, AC, "ExpiredUnused")
                .rule(AO, AuthorizationEvent.AMAZON_CLOSE, AC, "AmazonClosed")
                .rule(AO, AuthorizationEvent.ORDER_REFERENCE_CANCELED, AC, "OrderReferenceCanceled")
                .build();

        CaptureState CP = CaptureState.Pending, CD = CaptureState.Declined, CC = CaptureState.Completed, CX = CaptureState.Closed;
        CAPTURE = TransitionTable.<CaptureState, CaptureEvent>builder(CaptureState.class)
                .rule(CP, CaptureEvent.COMPLETE, CC, null)
                .rule(CP, CaptureEvent.DECLINE_AMAZON_REJECTED, CD, "AmazonRejected")
                .rule(CP, CaptureEvent.DECLINE_PROCESSING_FAILURE, CD, "ProcessingFailure")
                .rule(CC, CaptureEvent.MAX_AMOUNT_REFUNDED, CX, "MaxAmountRefunded")
                .rule(CC, CaptureEvent.MAX_REFUNDS_PROCESSED, CX, "MaxRefundsProcessed")
                .rule(CC, CaptureEvent.AMAZON_CLOSE, CX, "AmazonClosed")
                .build();

        RefundState RP = RefundState.Pending;
        REFUND = TransitionTable.<RefundState, RefundEvent>builder(RefundState.class)
                .rule(RP, RefundEvent.COMPLETE, RefundState.Completed, null)
                .rule(RP, RefundEvent.DECLINE_AMAZON_REJECTED, RefundState.Declined, "AmazonRejected")
                .rule(RP, RefundEvent.DECLINE_PROCESSING_FAILURE, RefundState.Declined, "ProcessingFailure")
                .build();
    }
}
