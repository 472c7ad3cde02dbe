package dev.offpay.client;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount of money in one currency, e.g. {@code 106.00 USD}; exact decimal, never floating point. */
public record Price(BigDecimal amount, String currencyCode) {

    /** Both parts are required. */
    public Price {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currencyCode, "currencyCode");
    }

    /** {@code Price.of("100.00", "USD")}. */
    public static Price of(String amount, String currencyCode) {
        return new Price(new BigDecimal(amount), currencyCode);
    }

    /** A price from an exact decimal. */
    public static Price of(BigDecimal amount, String currencyCode) {
        return new Price(amount, currencyCode);
    }

    /** The amount as sent on the wire: plain decimal notation, scale kept ({@code 100.00}, never {@code 1E+2}). */
    public String amountText() {
        return amount.toPlainString();
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currencyCode;
    }
}
