package dev.offpay.core;


import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A capture of an authorization, with its refunds. */
public final class Capture {
    String id;
    String referenceId;
    String authorizationId;
    Money amount;
    Money refundedAmount;
    Money fee;
    String note;
    String softDescriptor;
    Instant created;
    States.CaptureState state;
    String reasonCode;
    String reasonDescription;
    Instant lastUpdate;
    Simulation simulation;
    String fingerprint;
    List<Refund> refunds = new ArrayList<>();

    Capture() {
    }

    public String id() { return id; }
    public String referenceId() { return referenceId; }
    public String authorizationId() { return authorizationId; }
    public Money amount() { return amount; }
    /** Sum of completed refunds. */
    public Money refundedAmount() { return refundedAmount; }
    public Money fee() { return fee; }
    public String note() { return note; }
    public String softDescriptor() { return softDescriptor; }
    public Instant created() { return created; }
    public States.CaptureState state() { return state; }
    public List<Refund> refunds() { return List.copyOf(refunds); }

    public Status status() {
        return new Status(state.name(), reasonCode, reasonDescription, lastUpdate);
    }

    public List<String> refundIds() {
        return refunds.stream().map(Refund::id).toList();
    }

    /** True when the money of this capture is (or will be) with the seller. */
    boolean countsAsCharged() {
        return state == States.CaptureState.Pending || state == States.CaptureState.Completed || state == States.CaptureState.Closed;
    }
}
