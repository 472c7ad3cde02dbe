package dev.offpay.client;

/** Answer of Authorize and GetAuthorizationDetails. */
public record AuthorizationResponse(String requestId, AuthorizationDetails authorizationDetails) {}
