package dev.offpay.store;

import dev.offpay.core.Address;
import dev.offpay.core.Environment;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentException;
import dev.offpay.core.PaymentInstrument;
import dev.offpay.core.Seller;
import dev.offpay.core.TestBuyer;
import dev.offpay.core.TestBuyerDirectory;
import dev.offpay.core.TestBuyers;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sandbox test buyers of each seller: the built-in ones of the seller's region first, then those the
 * seller created. Created buyers' passwords are kept as PBKDF2 hashes; {@link #list} hands them out with a
 * null password, and {@link #authenticate} is the one way to check one.
 */
public final class JdbcTestBuyers implements TestBuyerDirectory {
    private static final int PBKDF2_ITERATIONS = 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcStore store;
    private final Clock clock;

    /** What is stored of a created buyer. */
    private record StoredBuyer(String email, String passwordHash, String name, String phone, List<Address> addresses,
                               List<PaymentInstrument> instruments, Address billingAddress) {
        TestBuyer toTestBuyer() {
            return new TestBuyer(email, null, name, phone, addresses == null ? List.of() : addresses,
                    instruments == null ? List.of() : instruments, billingAddress);
        }
    }

    public JdbcTestBuyers(JdbcStore store) {
        this(store, Clock.systemUTC());
    }

    public JdbcTestBuyers(JdbcStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<TestBuyer> list(Seller seller) {
        List<TestBuyer> all = new ArrayList<>(TestBuyers.defaults(seller.region()));
        for (StoredBuyer b : stored(seller.id())) all.add(b.toTestBuyer());
        return all;
    }

    private List<StoredBuyer> stored(String sellerId) {
        return store.read(conn -> {
            List<StoredBuyer> list = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT doc FROM test_buyers WHERE seller_id = ? ORDER BY created_ms, email")) {
                ps.setString(1, sellerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) list.add(store.fromJson(rs.getString(1), StoredBuyer.class));
                }
            }
            return list;
        });
    }

    /** The buyer with these credentials, or empty (unknown e-mail or wrong password: callers do not say which). */
    public Optional<TestBuyer> authenticate(Seller seller, String email, String password) {
        if (email == null || password == null) return Optional.empty();
        String key = email.trim().toLowerCase(Locale.ROOT);
        for (TestBuyer b : TestBuyers.defaults(seller.region())) {
            if (b.email().equalsIgnoreCase(key)) {
                return constantTimeEquals(b.password(), password) ? Optional.of(b) : Optional.empty();
            }
        }
        Optional<StoredBuyer> stored = store.read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT doc FROM test_buyers WHERE seller_id = ? AND email = ?")) {
                ps.setString(1, seller.id());
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(store.fromJson(rs.getString(1), StoredBuyer.class)) : Optional.empty();
                }
            }
        });
        return stored.filter(b -> verifyPassword(b.passwordHash(), password)).map(StoredBuyer::toTestBuyer);
    }

    /**
     * Creates a test buyer for the seller; {@code buyer.password()} is the plain password, hashed here.
     * Returns the buyer as {@link #list} shows it. An e-mail already used by one of the seller's buyers →
     * InvalidParameterValue.
     */
    public TestBuyer create(Seller seller, TestBuyer buyer) {
        if (buyer.email() == null || !buyer.email().contains("@")) {
            throw PaymentException.invalidParameter("email \"" + buyer.email() + "\" is not an e-mail address");
        }
        if (buyer.password() == null || buyer.password().length() < 4) {
            throw PaymentException.invalidParameter("password must have at least 4 characters");
        }
        String key = buyer.email().trim().toLowerCase(Locale.ROOT);
        if (TestBuyers.defaults(seller.region()).stream().anyMatch(b -> b.email().equalsIgnoreCase(key))) {
            throw PaymentException.invalidParameter("email " + key + " is a built-in test buyer of region " + seller.region());
        }
        StoredBuyer stored = new StoredBuyer(key, hashPassword(buyer.password()), buyer.name(), buyer.phone(),
                buyer.addresses(), buyer.instruments(), buyer.billingAddress());
        String doc = store.toJson(stored);
        long now = clock.millis();
        boolean inserted = store.write(conn -> {
            try (PreparedStatement check = conn.prepareStatement("SELECT 1 FROM test_buyers WHERE seller_id = ? AND email = ?")) {
                check.setString(1, seller.id());
                check.setString(2, key);
                try (ResultSet rs = check.executeQuery()) {
                    if (rs.next()) return false;
                }
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO test_buyers (seller_id, email, created_ms, doc) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, seller.id());
                ps.setString(2, key);
                ps.setLong(3, now);
                ps.setString(4, doc);
                ps.executeUpdate();
            }
            return true;
        });
        if (!inserted) {
            throw PaymentException.invalidParameter("seller " + seller.id() + " already has a test buyer with email " + key);
        }
        return stored.toTestBuyer();
    }

    /**
     * The seller's order references whose buyer is {@code email}, newest first (at most {@code limit}).
     * The buyer payments site's "Your payments".
     */
    public List<OrderReference> orderReferencesOf(Seller seller, Environment env, String email, int limit) {
        String needle = "%\"buyerId\":" + store.toJson(email) + "%";
        return store.read(conn -> {
            List<OrderReference> list = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT doc FROM order_references WHERE seller_id = ? AND environment = ? AND doc LIKE ? "
                            + "ORDER BY created_ms DESC, id LIMIT ?")) {
                ps.setString(1, seller.id());
                ps.setString(2, env.name());
                ps.setString(3, needle);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OrderReference o = store.fromJson(rs.getString(1), OrderReference.class);
                        // LIKE is only a pre-filter ('_' matches any character): check exactly.
                        if (email.equalsIgnoreCase(o.buyerId())) list.add(o);
                    }
                }
            }
            return list;
        });
    }

    // ------------------------------------------------------------------ passwords

    static String hashPassword(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, PBKDF2_ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + PBKDF2_ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    static boolean verifyPassword(String stored, String password) {
        if (stored == null) return false;
        String[] p = stored.split("\\$");
        if (p.length != 4 || !p[0].equals("pbkdf2-sha256")) return false;
        try {
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] expected = Base64.getDecoder().decode(p[3]);
            return MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(p[1])));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
