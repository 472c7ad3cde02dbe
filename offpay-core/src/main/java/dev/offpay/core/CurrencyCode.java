package dev.offpay.core;

/** ISO 4217 currencies Offpay accepts, with their number of minor digits. */
public enum CurrencyCode {
    USD(2), GBP(2), EUR(2), JPY(0),
    // EU multi-currency presentment currencies (spec §1.1).
    AUD(2), ZAR(2), CHF(2), NOK(2), DKK(2), SEK(2), NZD(2), HKD(2);

    private final int digits;

    CurrencyCode(int digits) {
        this.digits = digits;
    }

    /** Number of digits after the decimal point (2 for USD, 0 for JPY). */
    public int digits() {
        return digits;
    }

    /** Parses an ISO code; null when unknown. */
    public static CurrencyCode parse(String code) {
        if (code == null) return null;
        for (CurrencyCode c : values()) {
            if (c.name().equals(code)) return c;
        }
        return null;
    }
}
