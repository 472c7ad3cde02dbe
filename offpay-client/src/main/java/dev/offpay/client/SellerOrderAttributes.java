package dev.offpay.client;

import java.util.List;

/**
 * The seller's own data on an order reference. Order item categories can only be sent with
 * SetOrderAttributes.
 */
public record SellerOrderAttributes(
        String sellerOrderId,
        String storeName,
        String customInformation,
        String supplementaryData,
        List<String> orderItemCategories) {

    /** A null category list means none. */
    public SellerOrderAttributes {
        orderItemCategories = orderItemCategories == null ? List.of() : List.copyOf(orderItemCategories);
    }

    /** Only a seller order id. */
    public static SellerOrderAttributes ofSellerOrderId(String sellerOrderId) {
        return new SellerOrderAttributes(sellerOrderId, null, null, null, List.of());
    }
}
