package dev.offpay.client;

import java.util.Objects;

/** A solution provider's share of a transaction (or of a refund's reversal) in a request. */
public record ProviderCredit(String providerId, Price amount) {

    /** Both parts are required. */
    public ProviderCredit {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(amount, "amount");
    }
}
