package dev.offpay.core;

import java.time.Instant;

/**
 * Work that becomes due on the seller's clock: a pending decision, an expiry, a simulated buyer
 * update. Firing a timer re-checks that it still applies, so timers are never cancelled.
 */
public record Timer(Kind kind, String targetId, Instant dueAt) {

    /** What happens when the timer fires. */
    public enum Kind {
        STALE_DRAFT, EXPIRE_ORDER_REFERENCE, IMMEDIATE_AUTHORIZATION_WINDOW, PAYMENT_METHOD_UPDATE,
        DECIDE_AUTHORIZATION, TIME_OUT_AUTHORIZATION, EXPIRE_AUTHORIZATION, DECIDE_CAPTURE, DECIDE_REFUND
    }
}
