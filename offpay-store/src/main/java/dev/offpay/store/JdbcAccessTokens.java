package dev.offpay.store;

import dev.offpay.core.AccessTokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Login with Amazon credentials of sandbox buyers, persisted: access tokens ("Atza|…"), refresh tokens
 * ("Atzr|…"), authorization codes and buyer-site sessions. Only the SHA-256 of a token is stored.
 * As the {@link AccessTokens} port it validates the AccessToken / AddressConsentToken that
 * GetOrderReferenceDetails receives: an unexpired access token issued for that seller.
 */
public final class JdbcAccessTokens implements AccessTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration PURGE_AFTER = Duration.ofDays(1);

    /** What a token is for. */
    public enum Kind {
        ACCESS("Atza|"), REFRESH("Atzr|"), CODE(""), SESSION("");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** A stored token, with its value when just issued (null when looked up: only the hash is stored). */
    public record Token(String value, Kind kind, String sellerId, String buyerEmail, String clientId, Set<String> scopes,
                        String redirectUri, Instant issued, Instant expires) {
        public Duration remaining(Instant now) {
            Duration d = Duration.between(now, expires);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    private final JdbcStore store;
    private final Clock clock;

    public JdbcAccessTokens(JdbcStore store) {
        this(store, Clock.systemUTC());
    }

    public JdbcAccessTokens(JdbcStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Issues a new token; its value is only in the returned record. */
    public Token issue(Kind kind, String sellerId, String buyerEmail, String clientId, Set<String> scopes,
                       String redirectUri, Duration ttl) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = kind.prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Token t = new Token(value, kind, sellerId, buyerEmail, clientId, Set.copyOf(scopes), redirectUri, now, now.plus(ttl));
        store.write(conn -> {
            try (PreparedStatement purge = conn.prepareStatement("DELETE FROM buyer_tokens WHERE expires_ms < ?")) {
                purge.setLong(1, now.minus(PURGE_AFTER).toEpochMilli());
                purge.executeUpdate();
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO buyer_tokens (token_hash, kind, seller_id, buyer_email, client_id, scopes, redirect_uri, issued_ms, expires_ms) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, hash(value));
                ps.setString(2, kind.name());
                ps.setString(3, sellerId);
                ps.setString(4, buyerEmail);
                ps.setString(5, clientId);
                ps.setString(6, String.join(" ", t.scopes()));
                ps.setString(7, redirectUri);
                ps.setLong(8, now.toEpochMilli());
                ps.setLong(9, t.expires().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        return t;
    }

    /** The unexpired token of this kind with this value. */
    public Optional<Token> find(Kind kind, String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        Instant now = clock.instant();
        return store.read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT kind, seller_id, buyer_email, client_id, scopes, redirect_uri, issued_ms, expires_ms "
                            + "FROM buyer_tokens WHERE token_hash = ?")) {
                ps.setString(1, hash(value.trim()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !rs.getString(1).equals(kind.name())) return Optional.<Token>empty();
                    Instant expires = Instant.ofEpochMilli(rs.getLong(8));
                    if (!expires.isAfter(now)) return Optional.<Token>empty();
                    String scopes = rs.getString(5);
                    return Optional.of(new Token(null, kind, rs.getString(2), rs.getString(3), rs.getString(4),
                            scopes.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(scopes.split(" "))),
                            rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), expires));
                }
            }
        });
    }

    /** Finds and deletes a single-use token (authorization codes): a second use finds nothing. */
    public Optional<Token> consume(Kind kind, String value) {
        Optional<Token> t = find(kind, value);
        if (t.isEmpty()) return t;
        boolean deleted = store.write(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM buyer_tokens WHERE token_hash = ?")) {
                ps.setString(1, hash(value.trim()));
                return ps.executeUpdate() == 1;
            }
        });
        return deleted ? t : Optional.empty();
    }

    /** Revokes a token (logout); unknown values are ignored. */
    public void revoke(String value) {
        if (value == null) return;
        store.write(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM buyer_tokens WHERE token_hash = ?")) {
                ps.setString(1, hash(value.trim()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Grant> validate(String token, String sellerId) {
        if (token == null || !LWA_SHAPE.matcher(token.trim()).matches()) return Optional.empty();
        return find(Kind.ACCESS, token)
                .filter(t -> sellerId == null || sellerId.equals(t.sellerId()))
                .map(t -> new Grant(t.buyerEmail(), t.scopes()));
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
