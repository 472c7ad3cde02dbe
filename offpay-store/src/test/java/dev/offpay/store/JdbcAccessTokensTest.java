package dev.offpay.store;

import dev.offpay.core.AccessTokens;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.Region;
import dev.offpay.core.Seller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcAccessTokensTest {
    @TempDir
    Path dir;
    SqliteStore store;
    JdbcAccessTokens tokens;
    Instant now = Instant.parse("2024-05-01T10:00:00Z");

    /** A clock the test moves. */
    final class MovingClock extends Clock {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @BeforeEach
    void open() {
        store = new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.NORMAL, OutboxRenderer.NONE);
        store.saveSeller(Seller.create("A1SELLER", "AKIA1", "secret", Region.US, "Shop"));
        tokens = new JdbcAccessTokens(store, new MovingClock());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void accessTokenValidatesForItsSellerUntilItExpires() {
        var t = tokens.issue(JdbcAccessTokens.Kind.ACCESS, "A1SELLER", "buyer@example.com", "client",
                Set.of("profile", "payments:widget", "payments:shipping_address"), null, Duration.ofHours(1));
        assertTrue(t.value().startsWith("Atza|"));
        assertTrue(AccessTokens.LWA_SHAPE.matcher(t.value()).matches());
        AccessTokens.Grant g = tokens.validate(t.value(), "A1SELLER").orElseThrow();
        assertEquals("buyer@example.com", g.buyerId());
        assertTrue(g.allowsShippingAddress());
        assertTrue(!g.allowsBillingAddress());
        assertTrue(tokens.validate(t.value(), "OTHERSELLER").isEmpty());
        assertTrue(tokens.validate("Atza|notatokenwehaveissued", "A1SELLER").isEmpty());
        assertTrue(tokens.validate("garbage", "A1SELLER").isEmpty());
        now = now.plus(Duration.ofMinutes(61));
        assertTrue(tokens.validate(t.value(), "A1SELLER").isEmpty());
    }

    @Test
    void tokensSurviveARestartAndCanBeRevoked() {
        var t = tokens.issue(JdbcAccessTokens.Kind.ACCESS, "A1SELLER", "b@example.com", null, Set.of("payments:widget"), null, Duration.ofHours(1));
        store.close();
        store = new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.NORMAL, OutboxRenderer.NONE);
        tokens = new JdbcAccessTokens(store, new MovingClock());
        assertTrue(tokens.validate(t.value(), "A1SELLER").isPresent());
        tokens.revoke(t.value());
        assertTrue(tokens.validate(t.value(), "A1SELLER").isEmpty());
    }

    @Test
    void codesAreSingleUseAndKindsDoNotMix() {
        var code = tokens.issue(JdbcAccessTokens.Kind.CODE, "A1SELLER", "b@example.com", "client", Set.of("profile"),
                "http://localhost/return", Duration.ofMinutes(5));
        assertTrue(tokens.find(JdbcAccessTokens.Kind.ACCESS, code.value()).isEmpty());
        var used = tokens.consume(JdbcAccessTokens.Kind.CODE, code.value()).orElseThrow();
        assertEquals("http://localhost/return", used.redirectUri());
        assertTrue(tokens.consume(JdbcAccessTokens.Kind.CODE, code.value()).isEmpty());
    }
}
