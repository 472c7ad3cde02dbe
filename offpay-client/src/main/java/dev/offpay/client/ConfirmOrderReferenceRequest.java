package dev.offpay.client;

import java.util.Map;
import java.util.Objects;

/** ConfirmOrderReference (Draft → Open), with the optional SCA return URLs and amount. */
public record ConfirmOrderReferenceRequest(
        String amazonOrderReferenceId,
        String successUrl,
        String failureUrl,
        Price authorizationAmount,
        Boolean expectImmediateAuthorization) implements OffpayRequest {

    /** The order reference id is required. */
    public ConfirmOrderReferenceRequest {
        Objects.requireNonNull(amazonOrderReferenceId, "amazonOrderReferenceId");
    }

    /** Only the order reference id. */
    public static ConfirmOrderReferenceRequest of(String amazonOrderReferenceId) {
        return new ConfirmOrderReferenceRequest(amazonOrderReferenceId, null, null, null, null);
    }

    /** A copy with the SCA {@code SuccessUrl} and {@code FailureUrl}. */
    public ConfirmOrderReferenceRequest withReturnUrls(String success, String failure) {
        return new ConfirmOrderReferenceRequest(amazonOrderReferenceId, success, failure, authorizationAmount,
                expectImmediateAuthorization);
    }

    /** A copy with the amount to authenticate during SCA. */
    public ConfirmOrderReferenceRequest withAuthorizationAmount(Price value) {
        return new ConfirmOrderReferenceRequest(amazonOrderReferenceId, successUrl, failureUrl, value,
                expectImmediateAuthorization);
    }

    /** A copy with {@code ExpectImmediateAuthorization}. */
    public ConfirmOrderReferenceRequest withExpectImmediateAuthorization(boolean value) {
        return new ConfirmOrderReferenceRequest(amazonOrderReferenceId, successUrl, failureUrl, authorizationAmount,
                value);
    }

    @Override
    public String action() {
        return "ConfirmOrderReference";
    }

    @Override
    public Map<String, String> toParameters() {
        return new Parameters()
                .put("AmazonOrderReferenceId", amazonOrderReferenceId)
                .put("SuccessUrl", successUrl)
                .put("FailureUrl", failureUrl)
                .put("AuthorizationAmount", authorizationAmount)
                .put("ExpectImmediateAuthorization", expectImmediateAuthorization)
                .toMap();
    }
}
