package dev.offpay.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Refund (part of) a Completed capture; {@code refundReferenceId} is the idempotency key. */
public record RefundRequest(
        String amazonCaptureId,
        String refundReferenceId,
        Price refundAmount,
        String sellerRefundNote,
        String softDescriptor,
        List<ProviderCredit> providerCreditReversals) implements OffpayRequest {

    /** Id, reference id and amount are required. */
    public RefundRequest {
        Objects.requireNonNull(amazonCaptureId, "amazonCaptureId");
        Objects.requireNonNull(refundReferenceId, "refundReferenceId");
        Objects.requireNonNull(refundAmount, "refundAmount");
        providerCreditReversals = providerCreditReversals == null ? List.of() : List.copyOf(providerCreditReversals);
    }

    /** Only the required parameters. */
    public static RefundRequest of(String amazonCaptureId, String refundReferenceId, Price amount) {
        return new RefundRequest(amazonCaptureId, refundReferenceId, amount, null, null, List.of());
    }

    /** A copy with {@code SellerRefundNote} (also the sandbox simulation carrier). */
    public RefundRequest withSellerRefundNote(String value) {
        return new RefundRequest(amazonCaptureId, refundReferenceId, refundAmount, value, softDescriptor,
                providerCreditReversals);
    }

    /** A copy with {@code SoftDescriptor}. */
    public RefundRequest withSoftDescriptor(String value) {
        return new RefundRequest(amazonCaptureId, refundReferenceId, refundAmount, sellerRefundNote, value,
                providerCreditReversals);
    }

    /** A copy with one more provider credit reversal. */
    public RefundRequest withProviderCreditReversal(ProviderCredit reversal) {
        List<ProviderCredit> reversals = new ArrayList<>(providerCreditReversals);
        reversals.add(reversal);
        return new RefundRequest(amazonCaptureId, refundReferenceId, refundAmount, sellerRefundNote, softDescriptor,
                reversals);
    }

    @Override
    public String action() {
        return "Refund";
    }

    @Override
    public Map<String, String> toParameters() {
        return new Parameters()
                .put("AmazonCaptureId", amazonCaptureId)
                .put("RefundReferenceId", refundReferenceId)
                .put("RefundAmount", refundAmount)
                .put("SellerRefundNote", sellerRefundNote)
                .put("SoftDescriptor", softDescriptor)
                .putProviderCredits("ProviderCreditReversalList", "CreditReversalAmount", providerCreditReversals)
                .toMap();
    }
}
