package dev.offpay.client;

/** Something that keeps an order reference from being confirmed, e.g. {@code AmountNotSet}. */
public record Constraint(String id, String description) {}
