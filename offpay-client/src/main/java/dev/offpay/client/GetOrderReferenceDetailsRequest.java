package dev.offpay.client;

import java.util.Map;
import java.util.Objects;

/**
 * GetOrderReferenceDetails; the optional Login with Amazon {@code accessToken} unlocks the full
 * address before confirmation.
 */
public record GetOrderReferenceDetailsRequest(String amazonOrderReferenceId, String accessToken) implements OffpayRequest {

    /** The order reference id is required. */
    public GetOrderReferenceDetailsRequest {
        Objects.requireNonNull(amazonOrderReferenceId, "amazonOrderReferenceId");
    }

    /** Without an access token. */
    public static GetOrderReferenceDetailsRequest of(String amazonOrderReferenceId) {
        return new GetOrderReferenceDetailsRequest(amazonOrderReferenceId, null);
    }

    /** A copy sending {@code AccessToken}. */
    public GetOrderReferenceDetailsRequest withAccessToken(String token) {
        return new GetOrderReferenceDetailsRequest(amazonOrderReferenceId, token);
    }

    @Override
    public String action() {
        return "GetOrderReferenceDetails";
    }

    @Override
    public Map<String, String> toParameters() {
        return new Parameters()
                .put("AmazonOrderReferenceId", amazonOrderReferenceId)
                .put("AccessToken", accessToken)
                .toMap();
    }
}
