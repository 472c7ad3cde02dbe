package dev.offpay.testkit;

import dev.offpay.core.Authorization;
import dev.offpay.core.Capture;
import dev.offpay.core.OrderReference;
import dev.offpay.core.Refund;

/**
 * Renders everything an order reference aggregate exposes as one text, so tests can compare a
 * stored and reloaded aggregate with the one that was saved (the aggregate has no equals).
 */
public final class AggregateSnapshot {
    private AggregateSnapshot() {
    }

    public static String of(OrderReference o) {
        StringBuilder sb = new StringBuilder();
        line(sb, "orderReference", o.id(), o.sellerId(), o.environment(), o.region(), o.status(), o.created(), o.expiration(),
                o.confirmed(), o.orderTotal(), o.sellerNote(), o.platformId(), o.sellerOrderId(), o.storeName(),
                o.customInformation(), o.supplementaryData(), o.orderItemCategories(), o.requestPaymentAuthorization(),
                o.paymentServiceProviderId(), o.paymentServiceProviderOrderId(), o.buyerId(), o.buyer(), o.shippingAddress(),
                o.billingAddress(), o.paymentMethod(), o.addressRequired(), o.orderLanguage(), o.constraints(),
                o.chargedAmount(), o.refundedAmount());
        for (Authorization a : o.authorizations()) {
            line(sb, "  authorization", a.id(), a.referenceId(), a.amount(), a.capturedAmount(), a.fee(), a.note(),
                    a.softDescriptor(), a.captureNow(), a.transactionTimeoutMinutes(), a.created(), a.expiration(), a.status(),
                    a.softDecline(), a.simulation(), a.billingAddress(), a.captureIds());
            for (Capture c : a.captures()) {
                line(sb, "    capture", c.id(), c.referenceId(), c.authorizationId(), c.amount(), c.refundedAmount(), c.fee(),
                        c.note(), c.softDescriptor(), c.created(), c.status(), c.refundIds());
                for (Refund r : c.refunds()) {
                    line(sb, "      refund", r.id(), r.referenceId(), r.captureId(), r.amount(), r.fee(), r.note(),
                            r.softDescriptor(), r.refundType(), r.created(), r.status());
                }
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String kind, Object... values) {
        sb.append(kind);
        for (Object v : values) sb.append(" | ").append(v);
        sb.append('\n');
    }
}
