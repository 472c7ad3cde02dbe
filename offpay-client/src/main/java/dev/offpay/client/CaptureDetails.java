package dev.offpay.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A capture of an authorization; {@code refundIds} lists its refunds. {@code convertedAmount} and
 * {@code conversionRate} appear only for multi-currency captures.
 */
public record CaptureDetails(
        String amazonCaptureId,
        String captureReferenceId,
        String sellerCaptureNote,
        Price captureAmount,
        Price refundedAmount,
        Price captureFee,
        List<String> refundIds,
        Instant creationTimestamp,
        Status captureStatus,
        String softDescriptor,
        List<ProviderCreditSummary> providerCreditSummaries,
        Price convertedAmount,
        BigDecimal conversionRate) {

    /** Lists are never null. */
    public CaptureDetails {
        refundIds = refundIds == null ? List.of() : List.copyOf(refundIds);
        providerCreditSummaries = providerCreditSummaries == null ? List.of() : List.copyOf(providerCreditSummaries);
    }

    /** The state ({@code Pending}, {@code Completed}, {@code Declined}, {@code Closed}), or null when absent. */
    public String state() {
        return captureStatus == null ? null : captureStatus.state();
    }
}
