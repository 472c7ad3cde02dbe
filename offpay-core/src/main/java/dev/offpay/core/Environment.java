package dev.offpay.core;

/** Sandbox or live: chosen by the request path, carried by every object as ReleaseEnvironment. */
public enum Environment {
    SANDBOX("Sandbox", 'S', 'C'), LIVE("Live", 'P', 'B');

    private final String wireName;
    private final char orderReferencePrefix;
    private final char billingAgreementPrefix;

    Environment(String wireName, char orderReferencePrefix, char billingAgreementPrefix) {
        this.wireName = wireName;
        this.orderReferencePrefix = orderReferencePrefix;
        this.billingAgreementPrefix = billingAgreementPrefix;
    }

    /** "Sandbox" or "Live", exactly as clients expect it. */
    public String wireName() { return wireName; }
    public char orderReferencePrefix() { return orderReferencePrefix; }
    public char billingAgreementPrefix() { return billingAgreementPrefix; }
    public boolean isSandbox() { return this == SANDBOX; }
}
