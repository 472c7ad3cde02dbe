package dev.offpay.web.buyer;

import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Region;
import dev.offpay.core.Seller;
import dev.offpay.store.JdbcAccessTokens;
import dev.offpay.store.JdbcTestBuyers;
import dev.offpay.store.SqliteStore;
import dev.offpay.web.JsonErrors;
import dev.offpay.web.WebContext;
import io.javalin.Javalin;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** A real store and Javalin on port 0 with the buyer side registered, as the server wires it. */
final class BuyerTestServer implements AutoCloseable {
    final SqliteStore store;
    final PaymentService payments;
    final JdbcTestBuyers buyers;
    final JdbcAccessTokens tokens;
    final Javalin app;
    final Seller seller;

    BuyerTestServer(Path dir, Region region) {
        store = new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.NORMAL, OutboxRenderer.NONE);
        Clock clock = Clock.systemUTC();
        payments = new PaymentService(store, clock, new SecureRandom(), Duration.ofSeconds(30), Duration.ofSeconds(30));
        buyers = new JdbcTestBuyers(store, clock);
        tokens = new JdbcAccessTokens(store, clock);
        seller = Seller.create("A1OFFPAYTEST" + region.name(), "AKIATEST" + region.name(), "secret-" + region.name(), region, "Court & Cherry");
        store.saveSeller(seller);
        app = Javalin.create();
        JsonErrors.register(app);
        // The public URL is only known once the port is: the buyer side reads the request's Host instead.
        WebContext web = new WebContext(payments, store, buyers, tokens, clock, "http://localhost", "admin-token");
        BuyerWeb.register(app, web);
        dev.offpay.web.SandboxRoutes.register(app, web, sellerId -> { });
        app.start("127.0.0.1", 0);
    }

    int port() {
        return app.port();
    }

    String baseUrl() {
        return "http://localhost:" + port();
    }

    @Override
    public void close() {
        app.stop();
        store.close();
    }
}
