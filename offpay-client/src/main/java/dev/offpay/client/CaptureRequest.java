package dev.offpay.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Capture (part of) an Open authorization; {@code captureReferenceId} is the idempotency key. */
public record CaptureRequest(
        String amazonAuthorizationId,
        String captureReferenceId,
        Price captureAmount,
        String sellerCaptureNote,
        String softDescriptor,
        List<ProviderCredit> providerCredits) implements OffpayRequest {

    /** Id, reference id and amount are required. */
    public CaptureRequest {
        Objects.requireNonNull(amazonAuthorizationId, "amazonAuthorizationId");
        Objects.requireNonNull(captureReferenceId, "captureReferenceId");
        Objects.requireNonNull(captureAmount, "captureAmount");
        providerCredits = providerCredits == null ? List.of() : List.copyOf(providerCredits);
    }

    /** Only the required parameters. */
    public static CaptureRequest of(String amazonAuthorizationId, String captureReferenceId, Price amount) {
        return new CaptureRequest(amazonAuthorizationId, captureReferenceId, amount, null, null, List.of());
    }

    /** A copy with {@code SellerCaptureNote} (also the sandbox simulation carrier). */
    public CaptureRequest withSellerCaptureNote(String value) {
        return new CaptureRequest(amazonAuthorizationId, captureReferenceId, captureAmount, value, softDescriptor,
                providerCredits);
    }

    /** A copy with {@code SoftDescriptor}. */
    public CaptureRequest withSoftDescriptor(String value) {
        return new CaptureRequest(amazonAuthorizationId, captureReferenceId, captureAmount, sellerCaptureNote, value,
                providerCredits);
    }

    /** A copy with one more provider credit. */
    public CaptureRequest withProviderCredit(ProviderCredit credit) {
        List<ProviderCredit> credits = new ArrayList<>(providerCredits);
        credits.add(credit);
        return new CaptureRequest(amazonAuthorizationId, captureReferenceId, captureAmount, sellerCaptureNote,
                softDescriptor, credits);
    }

    @Override
    public String action() {
        return "Capture";
    }

    @Override
    public Map<String, String> toParameters() {
        return new Parameters()
                .put("AmazonAuthorizationId", amazonAuthorizationId)
                .put("CaptureReferenceId", captureReferenceId)
                .put("CaptureAmount", captureAmount)
                .put("SellerCaptureNote", sellerCaptureNote)
                .put("SoftDescriptor", softDescriptor)
                .putProviderCredits("ProviderCreditList", "CreditAmount", providerCredits)
                .toMap();
    }
}
