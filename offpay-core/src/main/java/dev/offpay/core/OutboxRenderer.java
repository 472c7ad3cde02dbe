package dev.offpay.core;

import java.time.Instant;

/**
 * Renders the payload of an outbox row at commit time (port): the IPN NotificationData for IPN
 * events, the e-mail content for buyer e-mails. Null means nothing to store.
 */
public interface OutboxRenderer {
    String render(OrderReference orderReference, DomainEvent event, Instant at);

    /** Stores no payload (for tools that need no outbox). */
    OutboxRenderer NONE = (o, e, at) -> null;
}
