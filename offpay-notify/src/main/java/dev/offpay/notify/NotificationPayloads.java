package dev.offpay.notify;

import dev.offpay.core.DomainEvent;
import dev.offpay.core.OrderReference;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.Seller;
import dev.offpay.mws.IpnXml;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders outbox payloads at commit time: the IPN NotificationData XML for IPN events, the buyer
 * e-mail (JSON of {@link BuyerEmail}) for EMAIL_* events, so both show the data of that commit.
 */
public final class NotificationPayloads implements OutboxRenderer {
    private final Function<String, Optional<Seller>> sellerById;

    public NotificationPayloads(Function<String, Optional<Seller>> sellerById) {
        this.sellerById = sellerById;
    }

    @Override
    public String render(OrderReference orderReference, DomainEvent event, Instant at) {
        if (event.type().isIpn()) return IpnXml.notificationData(orderReference, event);
        Seller seller = sellerById.apply(orderReference.sellerId()).orElse(null);
        return BuyerEmail.render(orderReference, event, seller).toJson();
    }
}
