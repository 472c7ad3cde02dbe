package dev.offpay.client;

/** A provider credit (or credit reversal) created by a capture (or refund): the provider and the new object's id. */
public record ProviderCreditSummary(String providerId, String id) {}
