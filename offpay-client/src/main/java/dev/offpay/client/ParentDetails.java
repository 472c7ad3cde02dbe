package dev.offpay.client;

/** The object an order reference was created from, e.g. a billing agreement. */
public record ParentDetails(String id, String type) {}
