package dev.offpay.core;

/**
 * A buyer's payment method. {@code type} is CC (card), DC (debit card) or DD (direct debit);
 * {@code behaviour} makes a sandbox test instrument force an outcome (null = approves).
 */
public record PaymentInstrument(String instrumentId, String typeName, String tail, String type, Behaviour behaviour) {

    /** Outcomes a sandbox test instrument can force, as the sandbox wallet's starred methods do. */
    public enum Behaviour { InvalidPaymentMethod, AmazonRejected, TransactionTimedOut, PaymentMethodNotAllowed }

    public boolean isDirectDebit() {
        return "DD".equals(type);
    }

    /** "Amazon Pay (Visa **1111)" style descriptor. */
    public String fullDescriptor() {
        return "Amazon Pay (" + typeName + " **" + tail + ")";
    }
}
