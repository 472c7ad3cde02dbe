package dev.offpay.core;


import java.time.Instant;

/** A refund of (part of) a capture. */
public final class Refund {
    String id;
    String referenceId;
    String captureId;
    Money amount;
    Money fee;
    String note;
    String softDescriptor;
    String refundType = "SellerInitiated";
    Instant created;
    States.RefundState state;
    String reasonCode;
    String reasonDescription;
    Instant lastUpdate;
    Simulation simulation;
    String fingerprint;

    Refund() {
    }

    public String id() { return id; }
    public String referenceId() { return referenceId; }
    public String captureId() { return captureId; }
    public Money amount() { return amount; }
    public Money fee() { return fee; }
    public String note() { return note; }
    public String softDescriptor() { return softDescriptor; }
    public String refundType() { return refundType; }
    public Instant created() { return created; }
    public States.RefundState state() { return state; }

    public Status status() {
        return new Status(state.name(), reasonCode, reasonDescription, lastUpdate);
    }

    /** Pending and completed refunds count against the refund ceiling. */
    boolean countsAgainstCeiling() {
        return state != States.RefundState.Declined;
    }
}
