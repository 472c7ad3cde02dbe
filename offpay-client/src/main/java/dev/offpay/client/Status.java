package dev.offpay.client;

import java.time.Instant;

/** The state of an order reference, authorization, capture or refund, with the reason it is in that state. */
public record Status(String state, String reasonCode, String reasonDescription, Instant lastUpdateTimestamp) {}
