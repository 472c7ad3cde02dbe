package dev.offpay.client;

import java.time.Instant;
import java.util.List;

/**
 * An order reference as the API describes it (also the items of a ListOrderReference page, which
 * carry only some of the fields). Absent elements are null; absent lists are empty.
 */
public record OrderReferenceDetails(
        String amazonOrderReferenceId,
        Buyer buyer,
        Price orderTotal,
        String sellerNote,
        String platformId,
        Address destination,
        PaymentDescriptor paymentDescriptor,
        Address billingAddress,
        String releaseEnvironment,
        SellerOrderAttributes sellerOrderAttributes,
        Status orderReferenceStatus,
        List<Constraint> constraints,
        Instant creationTimestamp,
        Instant expirationTimestamp,
        ParentDetails parentDetails,
        List<String> authorizationIds,
        String orderLanguage,
        Boolean requestPaymentAuthorization,
        PaymentServiceProviderAttributes paymentServiceProviderAttributes,
        String paymentReferenceStaticToken,
        String paymentAuthenticationState) {

    /** Lists are never null. */
    public OrderReferenceDetails {
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        authorizationIds = authorizationIds == null ? List.of() : List.copyOf(authorizationIds);
    }

    /** The state ({@code Draft}, {@code Open}, …), or null when the status is absent. */
    public String state() {
        return orderReferenceStatus == null ? null : orderReferenceStatus.state();
    }
}
