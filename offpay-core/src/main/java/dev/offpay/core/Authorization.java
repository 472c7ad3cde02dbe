package dev.offpay.core;


import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An authorization on an order reference, with its (at most one) capture. */
public final class Authorization {
    String id;
    String referenceId;
    Money amount;
    Money capturedAmount;
    Money fee;
    String note;
    String softDescriptor;
    boolean captureNow;
    int transactionTimeoutMinutes;
    Instant created;
    Instant expiration;
    States.AuthorizationState state;
    String reasonCode;
    String reasonDescription;
    Instant lastUpdate;
    Boolean softDecline;
    Simulation simulation;
    Address billingAddress;
    String fingerprint;
    List<Capture> captures = new ArrayList<>();

    Authorization() {
    }

    public String id() { return id; }
    public String referenceId() { return referenceId; }
    public Money amount() { return amount; }
    public Money capturedAmount() { return capturedAmount; }
    public Money fee() { return fee; }
    public String note() { return note; }
    public String softDescriptor() { return softDescriptor; }
    public boolean captureNow() { return captureNow; }
    public int transactionTimeoutMinutes() { return transactionTimeoutMinutes; }
    public Instant created() { return created; }
    public Instant expiration() { return expiration; }
    public States.AuthorizationState state() { return state; }
    public Boolean softDecline() { return softDecline; }
    public Simulation simulation() { return simulation; }
    /** The VAT billing address shown to VAT-registered EU sellers, or null. */
    public Address billingAddress() { return billingAddress; }
    public List<Capture> captures() { return List.copyOf(captures); }

    public Status status() {
        return new Status(state.name(), reasonCode, reasonDescription, lastUpdate);
    }

    /** Capture ids, as rendered in IdList. */
    public List<String> captureIds() {
        return captures.stream().map(Capture::id).toList();
    }

    /** True while the amount is held for a capture (Pending or Open). */
    boolean holdsFunds() {
        return state == States.AuthorizationState.Pending || state == States.AuthorizationState.Open;
    }
}
