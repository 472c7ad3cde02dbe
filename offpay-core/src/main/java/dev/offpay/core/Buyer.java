package dev.offpay.core;

/** The buyer as revealed to the seller after confirmation. */
public record Buyer(String name, String email, String phone) {
}
