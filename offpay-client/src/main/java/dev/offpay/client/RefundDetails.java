package dev.offpay.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A refund of a capture; always {@code Pending} in the Refund answer, decided later. */
public record RefundDetails(
        String amazonRefundId,
        String refundReferenceId,
        String sellerRefundNote,
        String refundType,
        Price refundAmount,
        Price feeRefunded,
        Instant creationTimestamp,
        Status refundStatus,
        String softDescriptor,
        List<ProviderCreditSummary> providerCreditReversalSummaries,
        Price convertedAmount,
        BigDecimal conversionRate) {

    /** Lists are never null. */
    public RefundDetails {
        providerCreditReversalSummaries = providerCreditReversalSummaries == null
                ? List.of() : List.copyOf(providerCreditReversalSummaries);
    }

    /** The state ({@code Pending}, {@code Completed}, {@code Declined}), or null when absent. */
    public String state() {
        return refundStatus == null ? null : refundStatus.state();
    }
}
