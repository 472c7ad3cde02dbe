package dev.offpay.core;

import java.util.Set;

/** A seller's marketplace region: its ledger currency, id prefix digits and locale. */
public enum Region {
    US(CurrencyCode.USD, "01", "AGWSWK15IEJJ7", "en-US", "us-east-1", Set.of(CurrencyCode.USD)),
    UK(CurrencyCode.GBP, "02", "A2WQPBGJ59HSXT", "en-GB", "eu-west-1",
            Set.of(CurrencyCode.GBP, CurrencyCode.EUR, CurrencyCode.USD, CurrencyCode.AUD, CurrencyCode.ZAR, CurrencyCode.CHF,
                    CurrencyCode.NOK, CurrencyCode.DKK, CurrencyCode.SEK, CurrencyCode.NZD, CurrencyCode.HKD, CurrencyCode.JPY)),
    DE(CurrencyCode.EUR, "02", "A53RDEWN57UU5", "de-DE", "eu-west-1",
            Set.of(CurrencyCode.EUR, CurrencyCode.GBP, CurrencyCode.USD, CurrencyCode.AUD, CurrencyCode.ZAR, CurrencyCode.CHF,
                    CurrencyCode.NOK, CurrencyCode.DKK, CurrencyCode.SEK, CurrencyCode.NZD, CurrencyCode.HKD, CurrencyCode.JPY)),
    JP(CurrencyCode.JPY, "03", "A1MCJZEB1HY93J", "ja-JP", "us-west-2", Set.of(CurrencyCode.JPY));

    private final CurrencyCode currency;
    private final String idDigits;
    private final String marketplaceId;
    private final String language;
    private final String awsRegion;
    private final Set<CurrencyCode> presentmentCurrencies;

    Region(CurrencyCode currency, String idDigits, String marketplaceId, String language, String awsRegion,
           Set<CurrencyCode> presentmentCurrencies) {
        this.currency = currency;
        this.idDigits = idDigits;
        this.marketplaceId = marketplaceId;
        this.language = language;
        this.awsRegion = awsRegion;
        this.presentmentCurrencies = presentmentCurrencies;
    }

    public CurrencyCode currency() { return currency; }
    /** The two digits after the environment letter in object ids (S01-…, S02-…). */
    public String idDigits() { return idDigits; }
    public String marketplaceId() { return marketplaceId; }
    public String language() { return language; }
    /** The SNS region named in IPN topic ARNs and certificate URLs. */
    public String awsRegion() { return awsRegion; }
    /** Currencies an order total may be given in (EU regions support multi-currency presentment). */
    public Set<CurrencyCode> presentmentCurrencies() { return presentmentCurrencies; }

    /** The ListOrderReference PaymentDomain value of this region's ledger currency. */
    public String paymentDomain() {
        return switch (this) {
            case US -> "NA_USD";
            case UK -> "EU_GBP";
            case DE -> "EU_EUR";
            case JP -> "FE_JPY";
        };
    }

    /** Parses US, UK, DE, JP (also NA, EU, FE, GB aliases), case-insensitive. */
    public static Region parse(String s) {
        if (s == null) return null;
        return switch (s.trim().toUpperCase()) {
            case "US", "NA" -> US;
            case "UK", "GB", "EU" -> UK;
            case "DE" -> DE;
            case "JP", "FE" -> JP;
            default -> null;
        };
    }
}
