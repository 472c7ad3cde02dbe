package dev.offpay.core;

/** Live outcomes: approve unless the buyer's instrument says otherwise. */
public final class LiveProcessor implements Processor {

    static Decision byInstrument(PaymentInstrument instrument) {
        if (instrument == null || instrument.behaviour() == null) return Decision.APPROVED;
        return switch (instrument.behaviour()) {
            case InvalidPaymentMethod -> Decision.declined("InvalidPaymentMethod", true);
            case AmazonRejected -> Decision.declined("AmazonRejected", false);
            case TransactionTimedOut -> Decision.declined("TransactionTimedOut", false);
            case PaymentMethodNotAllowed -> Decision.APPROVED;
        };
    }

    @Override
    public Decision authorize(OrderReference orderReference, Authorization authorization) {
        return byInstrument(orderReference.paymentMethod());
    }

    @Override
    public Decision capture(OrderReference orderReference, Authorization authorization, Capture capture) {
        return Decision.APPROVED;
    }

    @Override
    public Decision refund(OrderReference orderReference, Capture capture, Refund refund) {
        return Decision.APPROVED;
    }
}
