package dev.offpay.client;

import java.time.Instant;
import java.util.List;

/** An authorization on an order reference; {@code captureIds} lists the captures made against it. */
public record AuthorizationDetails(
        String amazonAuthorizationId,
        String authorizationReferenceId,
        Address authorizationBillingAddress,
        String sellerAuthorizationNote,
        Price authorizationAmount,
        Price capturedAmount,
        Price authorizationFee,
        List<String> captureIds,
        Instant creationTimestamp,
        Instant expirationTimestamp,
        Status authorizationStatus,
        List<String> orderItemCategories,
        boolean captureNow,
        String softDescriptor,
        String addressVerificationCode,
        boolean softDecline) {

    /** Lists are never null. */
    public AuthorizationDetails {
        captureIds = captureIds == null ? List.of() : List.copyOf(captureIds);
        orderItemCategories = orderItemCategories == null ? List.of() : List.copyOf(orderItemCategories);
    }

    /** The state ({@code Pending}, {@code Open}, {@code Declined}, {@code Closed}), or null when absent. */
    public String state() {
        return authorizationStatus == null ? null : authorizationStatus.state();
    }
}
