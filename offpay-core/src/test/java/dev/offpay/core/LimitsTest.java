package dev.offpay.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LimitsTest {
    private static Money usd(String s) {
        return Money.parse(CurrencyCode.USD, s);
    }

    private static Money jpy(long yen) {
        return Money.ofMinor(CurrencyCode.JPY, yen);
    }

    @Test
    void ceilingIsBasePlusFifteenPercentBelowTheCap() {
        assertEquals(usd("115.00"), Limits.ceiling(usd("100.00")));
        assertEquals(usd("0.01"), Limits.ceiling(usd("0.01")), "15 % of one cent rounds down to nothing");
        assertEquals(usd("0.06"), Limits.ceiling(usd("0.06")), "0.9 cents rounds down to nothing");
        assertEquals(usd("0.08"), Limits.ceiling(usd("0.07")), "1.05 cents rounds down to one");
        assertEquals(usd("7.67"), Limits.ceiling(usd("6.67")), "15 % of 6.67 is 1.0005, rounded down to 1.00");
        assertEquals(usd("574.98"), Limits.ceiling(usd("499.99")), "74.9985 rounds down to 74.99");
        // The guide's example: an order of 200 EUR may be charged up to 230 EUR.
        assertEquals(Money.parse(CurrencyCode.EUR, "230"), Limits.ceiling(Money.parse(CurrencyCode.EUR, "200")));
    }

    @Test
    void ceilingIsCappedAtSeventyFive() {
        assertEquals(usd("575.00"), Limits.ceiling(usd("500.00")), "15 % of 500 is exactly 75");
        assertEquals(usd("575.01"), Limits.ceiling(usd("500.01")));
        assertEquals(usd("1075.00"), Limits.ceiling(usd("1000.00")));
        assertEquals(usd("150075.00"), Limits.ceiling(usd("150000.00")));
        for (CurrencyCode c : new CurrencyCode[]{CurrencyCode.GBP, CurrencyCode.EUR, CurrencyCode.USD}) {
            assertEquals(Money.parse(c, "75"), Limits.overchargeCap(c));
            assertEquals(Money.parse(c, "1075"), Limits.ceiling(Money.parse(c, "1000")));
        }
    }

    @Test
    void yenCapIsEightThousandFourHundred() {
        assertEquals(jpy(8_400), Limits.overchargeCap(CurrencyCode.JPY));
        assertEquals(jpy(11_500), Limits.ceiling(jpy(10_000)));
        assertEquals(jpy(64_400), Limits.ceiling(jpy(56_000)), "15 % of 56,000 is exactly 8,400");
        assertEquals(jpy(108_400), Limits.ceiling(jpy(100_000)));
        assertEquals(jpy(115), Limits.ceiling(jpy(100)));
        assertEquals(jpy(8), Limits.ceiling(jpy(7)), "15 % of 7 yen is 1.05, rounded down to 1");
        assertEquals(jpy(1), Limits.ceiling(jpy(1)));
    }

    @Test
    void maximumPerTransaction() {
        assertEquals(usd("150000.00"), Limits.maxTransaction(CurrencyCode.USD));
        assertEquals(Money.parse(CurrencyCode.EUR, "150000"), Limits.maxTransaction(CurrencyCode.EUR));
        assertEquals(Money.parse(CurrencyCode.GBP, "150000"), Limits.maxTransaction(CurrencyCode.GBP));
        assertEquals(jpy(10_000_000), Limits.maxTransaction(CurrencyCode.JPY));
    }

    @Test
    void countsAndTimersOfSpecSection8() {
        assertEquals(10, Limits.MAX_AUTHORIZATIONS_PER_ORDER_REFERENCE);
        assertEquals(10, Limits.MAX_CAPTURED_AUTHORIZATIONS);
        assertEquals(10, Limits.MAX_REFUNDS_PER_CAPTURE);
        assertEquals(15, Limits.OVERCHARGE_PERCENT);
        assertEquals(Duration.ofHours(3), Limits.STALE_DRAFT);
        assertEquals(Duration.ofDays(180), Limits.ORDER_REFERENCE_LIFETIME);
        assertEquals(Duration.ofDays(30), Limits.AUTHORIZATION_EXPIRATION_STAMP);
        assertEquals(Duration.ofDays(7), Limits.LIVE_CAPTURE_SYNC_WINDOW);
        assertEquals(Duration.ofMinutes(60), Limits.IMMEDIATE_AUTHORIZATION_WINDOW);
        assertEquals(1440, Limits.DEFAULT_TRANSACTION_TIMEOUT_MINUTES);
        assertEquals(Duration.ofDays(2), Limits.authorizationLifetime(Environment.SANDBOX));
        assertEquals(Duration.ofDays(30), Limits.authorizationLifetime(Environment.LIVE));
    }
}
