package dev.offpay.server;

import dev.offpay.core.AccessTokens;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.Seller;
import dev.offpay.core.TestBuyerDirectory;
import dev.offpay.notify.NotificationPayloads;
import dev.offpay.notify.Notifier;
import dev.offpay.notify.NotifierSettings;
import dev.offpay.store.JdbcAccessTokens;
import dev.offpay.store.JdbcOutbox;
import dev.offpay.store.JdbcTestBuyers;
import dev.offpay.web.buyer.BuyerWeb;
import dev.offpay.store.JdbcStore;
import dev.offpay.web.WebContext;
import dev.offpay.web.notify.NotificationRoutes;
import io.javalin.Javalin;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The features of one server beyond the CV1 API (IPN delivery and buyer e-mails, buyer pages) and how
 * they plug in: kept apart from OffpayServer so each feature's wiring is in one place.
 */
final class Wiring {
    private Javalin app;
    private WebContext web;
    private Config config;
    private Path data;
    private JdbcStore store;
    private volatile Notifier notifier;

    OutboxRenderer outboxRenderer(Function<String, Optional<Seller>> sellers) {
        return new NotificationPayloads(sellers);
    }

    /** Test buyers kept in the store (the region's guide buyers first, plus those created through the API). */
    TestBuyerDirectory testBuyers(JdbcStore store, java.time.Clock clock) {
        return new JdbcTestBuyers(store, clock);
    }

    /** Login with Amazon tokens issued by the buyer pages. */
    AccessTokens accessTokens(JdbcStore store, java.time.Clock clock) {
        return new JdbcAccessTokens(store, clock);
    }

    /** Registers feature routes; returns what a sandbox clock advance must also run for a seller. */
    Consumer<String> registerFeatures(Javalin app, WebContext web, Config config, Path data, JdbcStore store) {
        this.app = app;
        this.web = web;
        this.config = config;
        this.data = data;
        this.store = store;
        BuyerWeb.register(app, web);
        return sellerId -> {
            Notifier n = notifier;
            if (n != null) n.runDue(sellerId); // IPN retries that became due on the seller's new clock
        };
    }

    /** After the listener is bound, when the base URL (and so the SigningCertURL) is known. */
    void started(String baseUrl) {
        Notifier n = new Notifier(NotifierSettings.fromEnv(data, baseUrl), new JdbcOutbox(store), store, config.clock());
        NotificationRoutes.register(app, web, n);
        n.start();
        notifier = n;
    }

    Notifier notifier() {
        return notifier;
    }

    void stopped() {
        Notifier n = notifier;
        if (n != null) n.stop();
    }
}
