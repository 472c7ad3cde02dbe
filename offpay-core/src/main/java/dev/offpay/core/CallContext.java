package dev.offpay.core;

/** Who is calling: the seller whose objects are addressed, in which environment. */
public record CallContext(Seller seller, Environment environment) {
}
