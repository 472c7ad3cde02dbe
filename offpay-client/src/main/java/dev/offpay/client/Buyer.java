package dev.offpay.client;

/** The buyer of an order reference, visible once it is confirmed. */
public record Buyer(String name, String email, String phone) {}
