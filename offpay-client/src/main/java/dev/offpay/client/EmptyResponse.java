package dev.offpay.client;

/** Answer of the operations without payload: Confirm/Cancel/CloseOrderReference and CloseAuthorization. */
public record EmptyResponse(String requestId) {}
