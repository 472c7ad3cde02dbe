package dev.offpay.client;

/** How the buyer's chosen payment instrument is described, e.g. {@code Visa} ending {@code 11}. */
public record PaymentDescriptor(String name, String accountNumberTail, String fullDescriptor, Boolean useAmazonBalanceFirst) {}
