package dev.offpay.bench;

/** The calls of one checkout flow, in the order the bench makes them. */
public enum FlowStep {
    CREATE_ORDER_REFERENCE("CreateOrderReference (sandbox helper)"),
    SET_ORDER_REFERENCE_DETAILS("SetOrderReferenceDetails"),
    CONFIRM_ORDER_REFERENCE("ConfirmOrderReference"),
    GET_ORDER_REFERENCE_DETAILS("GetOrderReferenceDetails"),
    AUTHORIZE("Authorize"),
    CAPTURE("Capture"),
    CLOSE_ORDER_REFERENCE("CloseOrderReference"),
    REFUND("Refund"),
    GET_REFUND_DETAILS("GetRefundDetails");

    private final String label;

    FlowStep(String label) {
        this.label = label;
    }

    /** The operation name shown in the summary. */
    public String label() {
        return label;
    }
}
