package dev.offpay.core;

/** A postal address as Amazon renders it; every field optional. */
public record Address(String name, String addressLine1, String addressLine2, String addressLine3, String city,
                      String county, String district, String stateOrRegion, String postalCode, String countryCode,
                      String phone) {

    /** The part of an address revealed before confirmation (spec §5.1). */
    public Address partial() {
        return new Address(null, null, null, null, city, null, null, stateOrRegion, postalCode, countryCode, null);
    }

    /** One line for pages and e-mails. */
    public String oneLine() {
        StringBuilder sb = new StringBuilder();
        for (String s : new String[]{name, addressLine1, addressLine2, addressLine3, postalCode, city, stateOrRegion, countryCode}) {
            if (s != null && !s.isBlank()) {
                if (sb.length() > 0) sb.append(", ");
                sb.append(s);
            }
        }
        return sb.toString();
    }
}
