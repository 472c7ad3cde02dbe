package dev.offpay.core;

/** A seller's reference id (AuthorizationReferenceId, CaptureReferenceId, RefundReferenceId) and what it names. */
public record ReferenceUse(String referenceId, Kind kind, String parentId, String objectId) {

    /** Which operation used the reference id. */
    public enum Kind { AUTHORIZATION, CAPTURE, REFUND }
}
