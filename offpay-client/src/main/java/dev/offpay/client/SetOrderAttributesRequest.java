package dev.offpay.client;

import java.util.Map;
import java.util.Objects;

/** SetOrderAttributes: like SetOrderReferenceDetails, but every attribute optional and some settable after confirmation. */
public record SetOrderAttributesRequest(
        String amazonOrderReferenceId,
        Price orderTotal,
        String platformId,
        String sellerNote,
        Boolean requestPaymentAuthorization,
        SellerOrderAttributes sellerOrderAttributes,
        PaymentServiceProviderAttributes paymentServiceProviderAttributes) implements OffpayRequest {

    /** The order reference id is required. */
    public SetOrderAttributesRequest {
        Objects.requireNonNull(amazonOrderReferenceId, "amazonOrderReferenceId");
    }

    /** No attribute yet; add them with the {@code with…} methods. */
    public static SetOrderAttributesRequest of(String amazonOrderReferenceId) {
        return new SetOrderAttributesRequest(amazonOrderReferenceId, null, null, null, null, null, null);
    }

    /** A copy with {@code OrderTotal} (only before confirmation). */
    public SetOrderAttributesRequest withOrderTotal(Price value) {
        return new SetOrderAttributesRequest(amazonOrderReferenceId, value, platformId, sellerNote,
                requestPaymentAuthorization, sellerOrderAttributes, paymentServiceProviderAttributes);
    }

    /** A copy with {@code PlatformId}. */
    public SetOrderAttributesRequest withPlatformId(String value) {
        return new SetOrderAttributesRequest(amazonOrderReferenceId, orderTotal, value, sellerNote,
                requestPaymentAuthorization, sellerOrderAttributes, paymentServiceProviderAttributes);
    }

    /** A copy with {@code SellerNote}. */
    public SetOrderAttributesRequest withSellerNote(String value) {
        return new SetOrderAttributesRequest(amazonOrderReferenceId, orderTotal, platformId, value,
                requestPaymentAuthorization, sellerOrderAttributes, paymentServiceProviderAttributes);
    }

    /** A copy with {@code RequestPaymentAuthorization}. */
    public SetOrderAttributesRequest withRequestPaymentAuthorization(boolean value) {
        return new SetOrderAttributesRequest(amazonOrderReferenceId, orderTotal, platformId, sellerNote,
                value, sellerOrderAttributes, paymentServiceProviderAttributes);
    }

    /** A copy with seller order attributes, order item categories included. */
    public SetOrderAttributesRequest withSellerOrderAttributes(SellerOrderAttributes value) {
        return new SetOrderAttributesRequest(amazonOrderReferenceId, orderTotal, platformId, sellerNote,
                requestPaymentAuthorization, value, paymentServiceProviderAttributes);
    }

    /** A copy with payment service provider attributes. */
    public SetOrderAttributesRequest withPaymentServiceProviderAttributes(PaymentServiceProviderAttributes value) {
        return new SetOrderAttributesRequest(amazonOrderReferenceId, orderTotal, platformId, sellerNote,
                requestPaymentAuthorization, sellerOrderAttributes, value);
    }

    @Override
    public String action() {
        return "SetOrderAttributes";
    }

    @Override
    public Map<String, String> toParameters() {
        String prefix = "OrderAttributes";
        Parameters parameters = new Parameters()
                .put("AmazonOrderReferenceId", amazonOrderReferenceId)
                .put(prefix + ".OrderTotal", orderTotal)
                .put(prefix + ".PlatformId", platformId)
                .put(prefix + ".SellerNote", sellerNote)
                .put(prefix + ".RequestPaymentAuthorization", requestPaymentAuthorization)
                .putSellerOrderAttributes(prefix + ".SellerOrderAttributes", sellerOrderAttributes, true);
        if (paymentServiceProviderAttributes != null) {
            String psp = prefix + ".PaymentServiceProviderAttributes";
            parameters
                    .put(psp + ".PaymentServiceProviderId", paymentServiceProviderAttributes.paymentServiceProviderId())
                    .put(psp + ".PaymentServiceProviderOrderId", paymentServiceProviderAttributes.paymentServiceProviderOrderId());
        }
        return parameters.toMap();
    }
}
