package dev.offpay.client;

/** Answer of Refund and GetRefundDetails. */
public record RefundResponse(String requestId, RefundDetails refundDetails) {}
