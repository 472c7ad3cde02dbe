package dev.offpay.core;

/**
 * Something a committed change must tell the outside world: an IPN about an object, or a buyer
 * e-mail. Written to the outbox in the same transaction as the change.
 */
public record DomainEvent(Type type, String objectId, java.time.Instant at) {

    /** What the event announces. */
    public enum Type {
        ORDER_REFERENCE_NOTIFICATION(true), PAYMENT_AUTHORIZE(true), PAYMENT_CAPTURE(true), PAYMENT_REFUND(true),
        EMAIL_PAYMENT_AUTHORIZED(false), EMAIL_CHARGE_NOTIFICATION(false), EMAIL_REFUND_NOTIFICATION(false),
        EMAIL_PAYMENT_DECLINED(false), EMAIL_PAYMENT_INFORMATION_UPDATED(false);

        private final boolean ipn;

        Type(boolean ipn) {
            this.ipn = ipn;
        }

        /** True for IPNs, false for buyer e-mails. */
        public boolean isIpn() {
            return ipn;
        }
    }
}
