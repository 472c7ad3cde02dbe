package dev.offpay.client;

import java.util.List;

/** One page of ListOrderReference / ListOrderReferenceByNextToken; {@code nextPageToken} is null on the last page. */
public record OrderReferenceListResponse(String requestId, List<OrderReferenceDetails> orderReferences, String nextPageToken) {

    /** The list is never null. */
    public OrderReferenceListResponse {
        orderReferences = orderReferences == null ? List.of() : List.copyOf(orderReferences);
    }

    /** Whether another page can be fetched with {@link OffpayClient#listOrderReferenceByNextToken}. */
    public boolean hasNextPage() {
        return nextPageToken != null && !nextPageToken.isEmpty();
    }
}
