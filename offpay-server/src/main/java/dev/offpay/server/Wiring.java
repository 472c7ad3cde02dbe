package dev.offpay.server;

import dev.offpay.core.AccessTokens;
import dev.offpay.core.DomainEvent;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.Seller;
import dev.offpay.core.TestBuyerDirectory;
import dev.offpay.mws.IpnXml;
import dev.offpay.store.JdbcStore;
import dev.offpay.web.WebContext;
import io.javalin.Javalin;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The optional features of one server (IPN delivery and e-mails, buyer pages) and how they plug in:
 * kept apart from OffpayServer so each feature's wiring is in one place.
 */
final class Wiring {

    OutboxRenderer outboxRenderer(Function<String, Optional<Seller>> sellers) {
        return (oro, event, at) -> event.type().isIpn() ? IpnXml.notificationData(oro, event) : null;
    }

    TestBuyerDirectory testBuyers(JdbcStore store) {
        return TestBuyerDirectory.DEFAULTS;
    }

    AccessTokens accessTokens(JdbcStore store) {
        return AccessTokens.SHAPE_ONLY;
    }

    /** Registers feature routes; returns what a sandbox clock advance must also run for a seller. */
    Consumer<String> registerFeatures(Javalin app, WebContext web, Config config, Path data, JdbcStore store) {
        return sellerId -> { };
    }

    void started(String baseUrl) {
    }

    void stopped() {
    }

    static boolean isIpn(DomainEvent e) {
        return e.type().isIpn();
    }
}
