package dev.offpay.core;


import java.util.ArrayList;
import java.util.List;

/**
 * The default sandbox test buyers: the Integration Guide's appendix data for DE and UK, and US and JP
 * equivalents. Each wallet also holds starred test instruments whose tails force an outcome
 * (0101 InvalidPaymentMethod, 0202 AmazonRejected, 0303 TransactionTimedOut, 0404 PaymentMethodNotAllowed).
 */
public final class TestBuyers {
    public static final String DEFAULT_PASSWORD = "test1234";

    private TestBuyers() {
    }

    private static Address a(String name, String line1, String line2, String city, String state, String postal, String country, String phone) {
        return new Address(name, line1, line2, null, city, null, null, state, postal, country, phone);
    }

    private static PaymentInstrument pi(String typeName, String tail, String type, PaymentInstrument.Behaviour b) {
        return new PaymentInstrument(type.toLowerCase() + "-" + tail, typeName, tail, type, b);
    }

    private static List<PaymentInstrument> withTestInstruments(List<PaymentInstrument> base) {
        List<PaymentInstrument> l = new ArrayList<>(base);
        l.add(pi("Visa*", "0101", "CC", PaymentInstrument.Behaviour.InvalidPaymentMethod));
        l.add(pi("Mastercard*", "0202", "CC", PaymentInstrument.Behaviour.AmazonRejected));
        l.add(pi("Visa*", "0303", "CC", PaymentInstrument.Behaviour.TransactionTimedOut));
        l.add(pi("Discover*", "0404", "CC", PaymentInstrument.Behaviour.PaymentMethodNotAllowed));
        return l;
    }

    /** The test buyers every seller of a region starts with; the first is the default. */
    public static List<TestBuyer> defaults(Region region) {
        return switch (region) {
            case DE -> List.of(new TestBuyer("test-buyer-de@example.com", DEFAULT_PASSWORD, "Max Mustermann", "+491731112222",
                    List.of(a("Max Mustermann", "123 Schutzstrasse", null, "Muenchen", null, "81543", "DE", "+491731112222"),
                            a("Moritz Harz", "432 Baumstrasse", null, "Frankfurt", null, "60596", "DE", "+491724444321"),
                            a("Wolfgang Kampf", "82 Schoenstrasse", null, "Paderborn", null, "33100", "DE", "+491625552222"),
                            a("Elise Schmidt", "8675 Edelweiss Weg", null, "Freiburg", null, "79117", "DE", "+491721111111"),
                            a("Karin Roggen", "1 Altstadttring", null, "Hamburg", null, "21129", "DE", "+491722223333")),
                    withTestInstruments(List.of(pi("Visa", "1111", "CC", null), pi("AMEX", "0005", "CC", null),
                            pi("MasterCard", "4444", "CC", null), pi("Bankeinzug", "9424", "DD", null))),
                    a("Liam Barker", "Meininger Strasse 58", null, "Neunkirchen", null, "66538", "DE", null)));
            case UK -> List.of(new TestBuyer("test-buyer-uk@example.com", DEFAULT_PASSWORD, "Jane Doe", "+447774443333",
                    List.of(a("Jane Doe", "419 Kings Row", null, "Manchester", null, "M13 9PL", "GB", "+447774443333"),
                            a("John Canterbury", "111 Embassy Way", null, "Birmingham", null, "B15 TT", "GB", "+447741112222"),
                            a("Elisabeth Harrison", "4973 Primrose Lane", null, "London", null, "SE1 2BY", "GB", "+44774999888"),
                            a("Charles Reed", "1 Applewood Ave", "Spruce Tree Cottage", "Warwickshire", null, "CV32 4EL", "GB", "+447741111222"),
                            a("Abe Smith", "23 Prime Way", "Churchill House", "London", null, "W2 4RJ", "GB", "+447747474747")),
                    withTestInstruments(List.of(pi("Visa", "1111", "CC", null), pi("AMEX", "0005", "CC", null),
                            pi("MasterCard", "4444", "CC", null), pi("MasterCard Debit (SoloMaestro)", "9424", "DC", null))),
                    a("Amber Kelly", "87 Terrick Rd", null, "Eilean Darach", null, "IV23 2TW", "GB", null)));
            case US -> List.of(new TestBuyer("test-buyer-us@example.com", DEFAULT_PASSWORD, "Sam Buyer", "800-000-0000",
                    List.of(a("Sam Buyer", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US", "206-555-0100"),
                            a("Alex Shopper", "1 Main Street", "Apt 4", "New York", "NY", "10101-9876", "US", "212-555-0199"),
                            a("Chris Customer", "500 Market St", null, "San Francisco", "CA", "94105", "US", "415-555-0123")),
                    withTestInstruments(List.of(pi("Visa", "1111", "CC", null), pi("Mastercard", "4444", "CC", null),
                            pi("AMEX", "0005", "CC", null), pi("Discover", "1117", "CC", null))),
                    a("Sam Buyer", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US", null)));
            case JP -> List.of(new TestBuyer("test-buyer-jp@example.com", DEFAULT_PASSWORD, "Taro Yamada", "03-0000-0000",
                    List.of(a("山田 太郎", "目黒区下目黒1-8-1", null, "東京都", "東京都", "153-0064", "JP", "03-1234-5678"),
                            a("佐藤 花子", "北区梅田3-1-1", null, "大阪市", "大阪府", "530-0001", "JP", "06-1234-5678")),
                    withTestInstruments(List.of(pi("Visa", "1111", "CC", null), pi("JCB", "0000", "CC", null),
                            pi("Mastercard", "4444", "CC", null))),
                    a("山田 太郎", "目黒区下目黒1-8-1", null, "東京都", "東京都", "153-0064", "JP", null)));
        };
    }

    /** The default test buyer of a region. */
    public static TestBuyer defaultBuyer(Region region) {
        return defaults(region).get(0);
    }
}
