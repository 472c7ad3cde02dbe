package dev.offpay.core;

import java.time.Instant;

/** An object's status as rendered: state, reason code, description, last update. */
public record Status(String state, String reasonCode, String reasonDescription, Instant lastUpdateTimestamp) {
}
