package dev.offpay.client;

/** Answer of GetOrderReferenceDetails, SetOrderReferenceDetails and SetOrderAttributes. */
public record OrderReferenceResponse(String requestId, OrderReferenceDetails orderReferenceDetails) {}
