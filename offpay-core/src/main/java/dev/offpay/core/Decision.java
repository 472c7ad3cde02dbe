package dev.offpay.core;

/**
 * A processor's answer for an authorization, capture or refund. UNKNOWN leaves the object Pending
 * for a later decision: Offpay never guesses.
 */
public record Decision(Outcome outcome, String reasonCode, boolean softDecline) {

    /** The three answers a processor can give. */
    public enum Outcome { APPROVED, DECLINED, UNKNOWN }

    public static final Decision APPROVED = new Decision(Outcome.APPROVED, null, false);
    public static final Decision UNKNOWN = new Decision(Outcome.UNKNOWN, null, false);

    public static Decision declined(String reasonCode, boolean softDecline) {
        return new Decision(Outcome.DECLINED, reasonCode, softDecline);
    }
}
