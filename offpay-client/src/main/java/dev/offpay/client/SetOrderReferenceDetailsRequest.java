package dev.offpay.client;

import java.util.Map;
import java.util.Objects;

/** SetOrderReferenceDetails: the order total and seller data of a Draft order reference. */
public record SetOrderReferenceDetailsRequest(
        String amazonOrderReferenceId,
        Price orderTotal,
        String platformId,
        String sellerNote,
        SellerOrderAttributes sellerOrderAttributes,
        Boolean requestPaymentAuthorization) implements OffpayRequest {

    /** Id and order total are required; order item categories belong to SetOrderAttributes. */
    public SetOrderReferenceDetailsRequest {
        Objects.requireNonNull(amazonOrderReferenceId, "amazonOrderReferenceId");
        Objects.requireNonNull(orderTotal, "orderTotal");
        if (sellerOrderAttributes != null && !sellerOrderAttributes.orderItemCategories().isEmpty()) {
            throw new IllegalArgumentException(
                    "SetOrderReferenceDetails has no OrderItemCategories parameter; send them with SetOrderAttributes");
        }
    }

    /** Only the required parameters. */
    public static SetOrderReferenceDetailsRequest of(String amazonOrderReferenceId, Price orderTotal) {
        return new SetOrderReferenceDetailsRequest(amazonOrderReferenceId, orderTotal, null, null, null, null);
    }

    /** A copy with {@code PlatformId} (the solution provider's seller id). */
    public SetOrderReferenceDetailsRequest withPlatformId(String value) {
        return new SetOrderReferenceDetailsRequest(amazonOrderReferenceId, orderTotal, value, sellerNote,
                sellerOrderAttributes, requestPaymentAuthorization);
    }

    /** A copy with {@code SellerNote} (also the sandbox simulation carrier). */
    public SetOrderReferenceDetailsRequest withSellerNote(String value) {
        return new SetOrderReferenceDetailsRequest(amazonOrderReferenceId, orderTotal, platformId, value,
                sellerOrderAttributes, requestPaymentAuthorization);
    }

    /** A copy with seller order attributes. */
    public SetOrderReferenceDetailsRequest withSellerOrderAttributes(SellerOrderAttributes value) {
        return new SetOrderReferenceDetailsRequest(amazonOrderReferenceId, orderTotal, platformId, sellerNote,
                value, requestPaymentAuthorization);
    }

    /** A copy with {@code RequestPaymentAuthorization}. */
    public SetOrderReferenceDetailsRequest withRequestPaymentAuthorization(boolean value) {
        return new SetOrderReferenceDetailsRequest(amazonOrderReferenceId, orderTotal, platformId, sellerNote,
                sellerOrderAttributes, value);
    }

    @Override
    public String action() {
        return "SetOrderReferenceDetails";
    }

    @Override
    public Map<String, String> toParameters() {
        String prefix = "OrderReferenceAttributes";
        return new Parameters()
                .put("AmazonOrderReferenceId", amazonOrderReferenceId)
                .put(prefix + ".OrderTotal", orderTotal)
                .put(prefix + ".PlatformId", platformId)
                .put(prefix + ".SellerNote", sellerNote)
                .putSellerOrderAttributes(prefix + ".SellerOrderAttributes", sellerOrderAttributes, false)
                .put(prefix + ".RequestPaymentAuthorization", requestPaymentAuthorization)
                .toMap();
    }
}
