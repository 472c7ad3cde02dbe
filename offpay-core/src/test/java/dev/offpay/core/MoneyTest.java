package dev.offpay.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoneyTest {
    private static final CurrencyCode USD = CurrencyCode.USD;
    private static final CurrencyCode JPY = CurrencyCode.JPY;

    @Test
    void parsesPlainDecimalsIntoMinorUnits() {
        assertEquals(200, Money.parse(USD, "2").minor());
        assertEquals(200, Money.parse(USD, "2.0").minor());
        assertEquals(200, Money.parse(USD, "2.00").minor());
        assertEquals(200, Money.parse(USD, "2.000").minor(), "extra trailing zeros are accepted");
        assertEquals(1, Money.parse(USD, "0.01").minor());
        assertEquals(50, Money.parse(USD, ".5").minor());
        assertEquals(10600, Money.parse(CurrencyCode.EUR, "106.00").minor());
        assertEquals(15_000_000, Money.parse(USD, "150000.00").minor());
        assertEquals(12345, Money.parse(USD, " 123.45 ").minor(), "surrounding blanks are ignored");
        assertEquals(0, Money.parse(USD, "0").minor());
    }

    @Test
    void yenHasNoMinorDigits() {
        assertEquals(0, JPY.digits());
        assertEquals(1000, Money.parse(JPY, "1000").minor());
        assertEquals(1000, Money.parse(JPY, "1000.00").minor());
        assertEquals("1000", Money.ofMinor(JPY, 1000).toPlainString());
        assertEquals("1000 JPY", Money.ofMinor(JPY, 1000).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(JPY, "1000.5"));
        assertEquals("\"1000.5\" has more than 0 decimal places, the most JPY allows", e.getMessage());
    }

    @Test
    void rejectsTooManySignificantDecimals() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(USD, "2.001"));
        assertEquals("\"2.001\" has more than 2 decimal places, the most USD allows", e.getMessage());
    }

    @Test
    void rejectsEmptyInput() {
        for (String s : new String[]{null, "", "   "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(USD, s));
            assertEquals("is empty; expected a decimal amount such as 10.00", e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "+1", "1e3", "abc", "1,00", "1.2.3", "0x10", "1 000", "NaN", "Infinity", "1234567890123456", "$5", "."})
    void rejectsWhatIsNotAPlainDecimal(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(USD, text));
        assertEquals("\"" + text + "\" is not a decimal amount; expected digits with an optional '.' such as 10.00", e.getMessage());
    }

    @Test
    void rendersWithTheCurrencysDigits() {
        assertEquals("1.00", Money.ofMinor(USD, 100).toPlainString());
        assertEquals("0.05", Money.ofMinor(USD, 5).toPlainString());
        assertEquals("-0.05", Money.ofMinor(USD, -5).toPlainString());
        assertEquals(new BigDecimal("12.34"), Money.ofMinor(USD, 1234).toBigDecimal());
        assertEquals("12.34 USD", Money.ofMinor(USD, 1234).toString());
    }

    @Test
    void arithmeticAndComparison() {
        Money a = Money.parse(USD, "10.00"), b = Money.parse(USD, "2.50");
        assertEquals(Money.parse(USD, "12.50"), a.plus(b));
        assertEquals(Money.parse(USD, "7.50"), a.minus(b));
        assertEquals(Money.ofMinor(USD, -750), b.minus(a));
        assertEquals(Money.zero(USD), b.minus(a).max0());
        assertSame(a, a.max0());
        assertSame(b, a.min(b));
        assertSame(b, b.min(a));
        assertTrue(a.greaterThan(b));
        assertFalse(b.greaterThan(a));
        assertFalse(a.greaterThan(a));
        assertEquals(0, a.compareTo(Money.ofMinor(USD, 1000)));
        assertTrue(Money.zero(USD).isZero());
        assertFalse(Money.zero(USD).isPositive());
        assertTrue(Money.ofMinor(USD, 1).isPositive());
        assertFalse(Money.ofMinor(USD, -1).isPositive());
        assertThrows(ArithmeticException.class, () -> Money.ofMinor(USD, Long.MAX_VALUE).plus(Money.ofMinor(USD, 1)));
    }

    @Test
    void percentNamesItsRounding() {
        Money m = Money.parse(USD, "0.99"); // 15 % = 14.85 cents
        assertEquals(14, m.percent(15, RoundingMode.DOWN).minor());
        assertEquals(15, m.percent(15, RoundingMode.HALF_UP).minor());
        assertEquals(15, m.percent(15, RoundingMode.UP).minor());
        assertEquals(7500, Money.parse(USD, "500").percent(15, RoundingMode.UNNECESSARY).minor());
        assertThrows(ArithmeticException.class, () -> m.percent(15, RoundingMode.UNNECESSARY));
        assertEquals(1499, Money.parse(JPY, "9999").percent(15, RoundingMode.DOWN).minor());
    }

    @Test
    void currenciesNeverMix() {
        Money usd = Money.parse(USD, "1"), eur = Money.parse(CurrencyCode.EUR, "1");
        for (Runnable r : new Runnable[]{() -> usd.plus(eur), () -> usd.minus(eur), () -> usd.compareTo(eur),
                () -> usd.greaterThan(eur), () -> usd.min(eur)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertEquals("currency mismatch: USD vs EUR", e.getMessage());
        }
        assertNotEquals(usd, eur);
        assertThrows(NullPointerException.class, () -> Money.ofMinor(null, 1));
    }

    @Test
    void equalityIsCurrencyAndMinorUnits() {
        assertEquals(Money.parse(USD, "2"), Money.parse(USD, "2.00"));
        assertEquals(Money.parse(USD, "2").hashCode(), Money.parse(USD, "2.00").hashCode());
        assertNotEquals(Money.parse(USD, "2"), Money.parse(USD, "2.01"));
        assertNotEquals(Money.ofMinor(USD, 2), Money.ofMinor(JPY, 2));
    }

    @Test
    void currencyCodesParseExactly() {
        assertEquals(USD, CurrencyCode.parse("USD"));
        assertEquals(null, CurrencyCode.parse("usd"));
        assertEquals(null, CurrencyCode.parse("XYZ"));
        assertEquals(null, CurrencyCode.parse(null));
        for (CurrencyCode c : CurrencyCode.values()) assertEquals(c == JPY ? 0 : 2, c.digits(), c.name());
    }
}
