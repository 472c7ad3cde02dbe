package dev.offpay.web.buyer;

import dev.offpay.core.Environment;
import dev.offpay.core.Seller;
import dev.offpay.core.TestBuyer;
import dev.offpay.store.JdbcAccessTokens;
import dev.offpay.store.JdbcStore;
import dev.offpay.store.JdbcTestBuyers;
import dev.offpay.web.WebContext;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The buyer side of Offpay: Widgets.js and the button image, the hosted sign-in popup, the AddressBook
 * and Wallet frames, Login with Amazon, the buyer payments site, the test-buyer sandbox helper and the
 * sample merchant checkout at /sandbox/demo.
 */
public final class BuyerWeb {
    final WebContext web;
    final JdbcTestBuyers buyers;
    final JdbcAccessTokens tokens;

    BuyerWeb(WebContext web, JdbcTestBuyers buyers, JdbcAccessTokens tokens) {
        this.web = web;
        this.buyers = buyers;
        this.tokens = tokens;
    }

    /** Registers every buyer-side route. */
    public static void register(Javalin app, WebContext ctx) {
        BuyerWeb b = new BuyerWeb(ctx, testBuyers(ctx), accessTokens(ctx));
        new WidgetRoutes(b).register(app);
        new SignInRoutes(b).register(app);
        new BuyerSite(b).register(app);
        new TestBuyerApi(b).register(app);
        new DemoShop(b).register(app);
    }

    // The ports in WebContext are the JDBC implementations in a running server; the buyer side also
    // needs their extra operations (create buyer, check password, issue token).
    private static JdbcTestBuyers testBuyers(WebContext ctx) {
        if (ctx.testBuyers() instanceof JdbcTestBuyers j) return j;
        if (ctx.store() instanceof JdbcStore s) return new JdbcTestBuyers(s, ctx.clock());
        throw new IllegalStateException("the buyer side needs the JDBC store (SqliteStore or PostgresStore)");
    }

    private static JdbcAccessTokens accessTokens(WebContext ctx) {
        if (ctx.accessTokens() instanceof JdbcAccessTokens j) return j;
        if (ctx.store() instanceof JdbcStore s) return new JdbcAccessTokens(s, ctx.clock());
        throw new IllegalStateException("the buyer side needs the JDBC store (SqliteStore or PostgresStore)");
    }

    // ------------------------------------------------------------------ shared helpers

    Optional<Seller> seller(String sellerId) {
        if (sellerId == null || sellerId.isBlank()) return Optional.empty();
        return web.store().sellerById(sellerId.trim());
    }

    /** "live" → LIVE, anything else SANDBOX. */
    static Environment environment(String env) {
        return env != null && env.trim().equalsIgnoreCase("live") ? Environment.LIVE : Environment.SANDBOX;
    }

    static String envName(Environment env) {
        return env.isSandbox() ? "sandbox" : "live";
    }

    /** The test buyer an access token was issued to, for this seller. */
    Optional<TestBuyer> buyerOfToken(String token, Seller seller) {
        if (token == null || token.isBlank()) return Optional.empty();
        return tokens.find(JdbcAccessTokens.Kind.ACCESS, token)
                .filter(t -> t.sellerId().equals(seller.id()))
                .flatMap(t -> buyers.find(seller, t.buyerEmail()));
    }

    /** The base URL of this request as the browser sees it. */
    static String base(Context ctx) {
        String host = ctx.header("Host");
        if (host == null) host = ctx.host();
        String proto = ctx.header("X-Forwarded-Proto");
        return (proto == null ? ctx.scheme() : proto) + "://" + host;
    }

    /** A well-formed web origin (scheme://host[:port]) or "null" (file: pages); anything else is refused. */
    static boolean isOrigin(String origin) {
        if (origin == null) return false;
        if (origin.equals("null")) return true;
        return origin.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+");
    }

    static String resource(String name) {
        try (InputStream in = BuyerWeb.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
