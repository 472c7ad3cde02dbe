package dev.offpay.client;

/** Answer of Capture and GetCaptureDetails. */
public record CaptureResponse(String requestId, CaptureDetails captureDetails) {}
