package dev.offpay.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact amount of one currency, held in minor units. Operations across currencies throw;
 * every lossy operation names its rounding mode. Never a double.
 */
public final class Money implements Comparable<Money> {
    private final CurrencyCode currency;
    private final long minor;

    private Money(CurrencyCode currency, long minor) {
        this.currency = Objects.requireNonNull(currency, "currency");
        this.minor = minor;
    }

    public static Money ofMinor(CurrencyCode currency, long minor) {
        return new Money(currency, minor);
    }

    public static Money zero(CurrencyCode currency) {
        return new Money(currency, 0);
    }

    /**
     * Parses a plain decimal string such as "2", "0.01" or "106.00". Extra trailing zeros are
     * accepted ("2.000"); significant digits beyond the currency's minor unit are not.
     *
     * @throws IllegalArgumentException with a message saying what was expected
     */
    public static Money parse(CurrencyCode currency, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; expected a decimal amount such as 10.00");
        }
        String t = text.trim();
        if (!t.matches("[0-9]{1,15}(\\.[0-9]{0,12})?|\\.[0-9]{1,12}")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a decimal amount; expected digits with an optional '.' such as 10.00");
        }
        BigDecimal value = new BigDecimal(t.startsWith(".") ? "0" + t : t);
        BigDecimal scaled;
        try {
            scaled = value.setScale(currency.digits(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" has more than " + currency.digits()
                    + " decimal places, the most " + currency + " allows");
        }
        return new Money(currency, scaled.unscaledValue().longValueExact());
    }

    public CurrencyCode currency() {
        return currency;
    }

    public long minor() {
        return minor;
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(minor, currency.digits());
    }

    public Money plus(Money other) {
        requireSame(other);
        return new Money(currency, Math.addExact(minor, other.minor));
    }

    public Money minus(Money other) {
        requireSame(other);
        return new Money(currency, Math.subtractExact(minor, other.minor));
    }

    /** {@code percent} % of this amount, rounded with the given mode. */
    public Money percent(int percent, RoundingMode rounding) {
        BigDecimal p = BigDecimal.valueOf(minor).multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 0, rounding);
        return new Money(currency, p.longValueExact());
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** This amount, or zero when negative. */
    public Money max0() {
        return minor < 0 ? new Money(currency, 0) : this;
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean greaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSame(other);
        return Long.compare(minor, other.minor);
    }

    private void requireSame(Money other) {
        if (other.currency != currency) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    /** Plain decimal with the currency's minor digits: "1.00", "0.50", "1000" (JPY). */
    public String toPlainString() {
        return toBigDecimal().toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && m.currency == currency && m.minor == minor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(currency, minor);
    }

    @Override
    public String toString() {
        return toPlainString() + " " + currency;
    }
}
