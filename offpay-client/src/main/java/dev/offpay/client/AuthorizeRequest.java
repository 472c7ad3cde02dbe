package dev.offpay.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Authorize an amount on an Open order reference. {@code authorizationReferenceId} is the
 * idempotency key (at most 32 of {@code A-Z a-z 0-9 - _}); {@code transactionTimeoutMinutes} 0 asks
 * for a synchronous decision.
 */
public record AuthorizeRequest(
        String amazonOrderReferenceId,
        String authorizationReferenceId,
        Price authorizationAmount,
        String sellerAuthorizationNote,
        Integer transactionTimeoutMinutes,
        Boolean captureNow,
        String softDescriptor,
        List<ProviderCredit> providerCredits) implements OffpayRequest {

    /** Id, reference id and amount are required. */
    public AuthorizeRequest {
        Objects.requireNonNull(amazonOrderReferenceId, "amazonOrderReferenceId");
        Objects.requireNonNull(authorizationReferenceId, "authorizationReferenceId");
        Objects.requireNonNull(authorizationAmount, "authorizationAmount");
        providerCredits = providerCredits == null ? List.of() : List.copyOf(providerCredits);
    }

    /** Only the required parameters (asynchronous, default timeout, no capture). */
    public static AuthorizeRequest of(String amazonOrderReferenceId, String authorizationReferenceId, Price amount) {
        return new AuthorizeRequest(amazonOrderReferenceId, authorizationReferenceId, amount, null, null, null, null,
                List.of());
    }

    /** A copy with {@code SellerAuthorizationNote} (also the sandbox simulation carrier). */
    public AuthorizeRequest withSellerAuthorizationNote(String value) {
        return new AuthorizeRequest(amazonOrderReferenceId, authorizationReferenceId, authorizationAmount, value,
                transactionTimeoutMinutes, captureNow, softDescriptor, providerCredits);
    }

    /** A copy with {@code TransactionTimeout} in minutes; 0 = decide synchronously. */
    public AuthorizeRequest withTransactionTimeout(int minutes) {
        return new AuthorizeRequest(amazonOrderReferenceId, authorizationReferenceId, authorizationAmount,
                sellerAuthorizationNote, minutes, captureNow, softDescriptor, providerCredits);
    }

    /** A copy with {@code CaptureNow}. */
    public AuthorizeRequest withCaptureNow(boolean value) {
        return new AuthorizeRequest(amazonOrderReferenceId, authorizationReferenceId, authorizationAmount,
                sellerAuthorizationNote, transactionTimeoutMinutes, value, softDescriptor, providerCredits);
    }

    /** A copy with {@code SoftDescriptor} (statement text, at most 16 characters). */
    public AuthorizeRequest withSoftDescriptor(String value) {
        return new AuthorizeRequest(amazonOrderReferenceId, authorizationReferenceId, authorizationAmount,
                sellerAuthorizationNote, transactionTimeoutMinutes, captureNow, value, providerCredits);
    }

    /** A copy with one more provider credit. */
    public AuthorizeRequest withProviderCredit(ProviderCredit credit) {
        List<ProviderCredit> credits = new ArrayList<>(providerCredits);
        credits.add(credit);
        return new AuthorizeRequest(amazonOrderReferenceId, authorizationReferenceId, authorizationAmount,
                sellerAuthorizationNote, transactionTimeoutMinutes, captureNow, softDescriptor, credits);
    }

    @Override
    public String action() {
        return "Authorize";
    }

    @Override
    public Map<String, String> toParameters() {
        return new Parameters()
                .put("AmazonOrderReferenceId", amazonOrderReferenceId)
                .put("AuthorizationReferenceId", authorizationReferenceId)
                .put("AuthorizationAmount", authorizationAmount)
                .put("SellerAuthorizationNote", sellerAuthorizationNote)
                .put("TransactionTimeout", transactionTimeoutMinutes)
                .put("CaptureNow", captureNow)
                .put("SoftDescriptor", softDescriptor)
                .putProviderCredits("ProviderCreditList", "CreditAmount", providerCredits)
                .toMap();
    }
}
