package dev.offpay.client;

/** A postal address as the API returns it; before confirmation only city, region, postal and country code are filled. */
public record Address(
        String name,
        String addressLine1,
        String addressLine2,
        String addressLine3,
        String city,
        String county,
        String district,
        String stateOrRegion,
        String postalCode,
        String countryCode,
        String phone) {}
