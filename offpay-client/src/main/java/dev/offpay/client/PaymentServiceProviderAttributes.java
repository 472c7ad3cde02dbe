package dev.offpay.client;

/** The payment service provider and its own order id, for sellers who integrate through a PSP. */
public record PaymentServiceProviderAttributes(String paymentServiceProviderId, String paymentServiceProviderOrderId) {}
