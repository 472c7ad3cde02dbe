package dev.offpay.core;

import java.math.RoundingMode;
import java.time.Duration;

/**
 * Every amount limit and timer of the payment lifecycle (spec §8), in one place per environment.
 */
public final class Limits {
    public static final int MAX_AUTHORIZATIONS_PER_ORDER_REFERENCE = 10;
    public static final int MAX_CAPTURED_AUTHORIZATIONS = 10;
    public static final int MAX_REFUNDS_PER_CAPTURE = 10;
    public static final int OVERCHARGE_PERCENT = 15;
    public static final Duration STALE_DRAFT = Duration.ofHours(3);
    public static final Duration ORDER_REFERENCE_LIFETIME = Duration.ofDays(180);
    /** Rendered as ExpirationTimestamp on every authorization, sandbox too ([FX]). */
    public static final Duration AUTHORIZATION_EXPIRATION_STAMP = Duration.ofDays(30);
    public static final Duration LIVE_CAPTURE_SYNC_WINDOW = Duration.ofDays(7);
    public static final Duration IMMEDIATE_AUTHORIZATION_WINDOW = Duration.ofMinutes(60);
    public static final int DEFAULT_TRANSACTION_TIMEOUT_MINUTES = 1440;

    private Limits() {
    }

    /** How long an authorization can be captured: 2 days in the sandbox, 30 live. */
    public static Duration authorizationLifetime(Environment env) {
        return env.isSandbox() ? Duration.ofDays(2) : Duration.ofDays(30);
    }

    /** The largest amount of one Authorize, Capture or Refund. */
    public static Money maxTransaction(CurrencyCode currency) {
        return currency == CurrencyCode.JPY ? Money.ofMinor(currency, 10_000_000L) : Money.ofMinor(currency, 150_000L * 100);
    }

    /** The absolute cap of the over-charge and over-refund allowance: 75 (JPY 8,400). */
    public static Money overchargeCap(CurrencyCode currency) {
        return currency == CurrencyCode.JPY ? Money.ofMinor(currency, 8_400L) : Money.ofMinor(currency, 75L * (long) Math.pow(10, currency.digits()));
    }

    /** base + min(15 % of base, 75): the most that may be captured on an order, or refunded on a capture. */
    public static Money ceiling(Money base) {
        Money allowance = base.percent(OVERCHARGE_PERCENT, RoundingMode.DOWN).min(overchargeCap(base.currency()));
        return base.plus(allowance);
    }
}
