package dev.offpay.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** ListOrderReference: order references whose seller order id is {@code queryId}, in one payment domain. */
public record ListOrderReferenceRequest(
        String queryId,
        String queryIdType,
        String paymentDomain,
        Instant createdStartTime,
        Instant createdEndTime,
        String sortOrder,
        Integer pageSize,
        List<String> orderReferenceStatuses) implements OffpayRequest {

    /** Query id, type and payment domain are required. */
    public ListOrderReferenceRequest {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(queryIdType, "queryIdType");
        Objects.requireNonNull(paymentDomain, "paymentDomain");
        orderReferenceStatuses = orderReferenceStatuses == null ? List.of() : List.copyOf(orderReferenceStatuses);
    }

    /** Search by {@code SellerOrderId} (the only query type) in e.g. {@code NA_USD}. */
    public static ListOrderReferenceRequest bySellerOrderId(String sellerOrderId, String paymentDomain) {
        return new ListOrderReferenceRequest(sellerOrderId, "SellerOrderId", paymentDomain, null, null, null, null, List.of());
    }

    /** A copy limited to a creation time range ({@code end} may be null). */
    public ListOrderReferenceRequest withCreatedTimeRange(Instant start, Instant end) {
        return new ListOrderReferenceRequest(queryId, queryIdType, paymentDomain, start, end, sortOrder, pageSize,
                orderReferenceStatuses);
    }

    /** A copy sorted {@code Ascending} or {@code Descending} by creation time. */
    public ListOrderReferenceRequest withSortOrder(String value) {
        return new ListOrderReferenceRequest(queryId, queryIdType, paymentDomain, createdStartTime, createdEndTime,
                value, pageSize, orderReferenceStatuses);
    }

    /** A copy with a page size. */
    public ListOrderReferenceRequest withPageSize(int value) {
        return new ListOrderReferenceRequest(queryId, queryIdType, paymentDomain, createdStartTime, createdEndTime,
                sortOrder, value, orderReferenceStatuses);
    }

    /** A copy filtered to the given states, e.g. {@code Open}, {@code Closed}. */
    public ListOrderReferenceRequest withStatuses(List<String> states) {
        return new ListOrderReferenceRequest(queryId, queryIdType, paymentDomain, createdStartTime, createdEndTime,
                sortOrder, pageSize, states);
    }

    @Override
    public String action() {
        return "ListOrderReference";
    }

    @Override
    public Map<String, String> toParameters() {
        return new Parameters()
                .put("QueryId", queryId)
                .put("QueryIdType", queryIdType)
                .put("PaymentDomain", paymentDomain)
                .put("CreatedTimeRange.StartTime", createdStartTime == null ? null : createdStartTime.toString())
                .put("CreatedTimeRange.EndTime", createdEndTime == null ? null : createdEndTime.toString())
                .put("SortOrder", sortOrder)
                .put("PageSize", pageSize)
                .putList("OrderReferenceStatusListFilter.OrderReferenceStatus", orderReferenceStatuses)
                .toMap();
    }
}
