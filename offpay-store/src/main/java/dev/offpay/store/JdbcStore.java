package dev.offpay.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offpay.core.DomainEvent;
import dev.offpay.core.Environment;
import dev.offpay.core.OrderReference;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.PaymentException;
import dev.offpay.core.PaymentService;
import dev.offpay.core.ReferenceUse;
import dev.offpay.core.Seller;
import dev.offpay.core.States.OrderReferenceState;
import dev.offpay.core.Store;
import dev.offpay.core.Timer;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The store over JDBC, shared by the embedded (SQLite) and PostgreSQL databases. Subclasses say how
 * connections are obtained and how a write transaction takes its exclusive lock.
 */
public abstract class JdbcStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);
    /** Sellers are read on every request; a short cache keeps that off the database. */
    private static final long SELLER_CACHE_MILLIS = 1000;

    protected final ObjectMapper json = Json.mapper();
    private final OutboxRenderer renderer;
    private final Map<String, CachedSeller> sellersByKey = new ConcurrentHashMap<>();
    private final Map<String, CachedSeller> sellersById = new ConcurrentHashMap<>();

    private record CachedSeller(Seller seller, long expiresAt) {
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    protected interface TxWork<T> {
        T run(Connection c) throws SQLException;
    }

    protected JdbcStore(OutboxRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * Runs the one migration set. When the database already has every migration this jar carries,
     * Flyway is not even loaded: that saves most of a second of start-up.
     */
    protected static void migrate(DataSource ds) {
        java.util.Set<String> packaged = Migrations.packagedVersions();
        if (!packaged.isEmpty() && Migrations.appliedVersions(ds).containsAll(packaged)) return;
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    /** Runs a read-only unit of work. */
    protected abstract <T> T read(TxWork<T> work);

    /** Runs a write transaction: commit on return, rollback on exception. */
    protected abstract <T> T write(TxWork<T> work);

    /** The SELECT suffix that locks the row for the transaction ("" where the transaction itself is exclusive). */
    protected abstract String lockClause();

    /** True when the exception is a unique-constraint violation. */
    protected abstract boolean isUniqueViolation(SQLException e);

    // ------------------------------------------------------------------ sellers

    @Override
    public Optional<Seller> sellerById(String sellerId) {
        if (sellerId == null) return Optional.empty();
        CachedSeller c = sellersById.get(sellerId);
        if (c != null && c.expiresAt > System.currentTimeMillis()) return Optional.of(c.seller);
        Optional<Seller> s = read(conn -> querySeller(conn, "SELECT doc FROM sellers WHERE id = ?", sellerId));
        s.ifPresent(this::cache);
        return s;
    }

    @Override
    public Optional<Seller> sellerByAccessKey(String accessKey) {
        if (accessKey == null) return Optional.empty();
        CachedSeller c = sellersByKey.get(accessKey);
        if (c != null && c.expiresAt > System.currentTimeMillis()) return Optional.of(c.seller);
        Optional<Seller> s = read(conn -> querySeller(conn, "SELECT doc FROM sellers WHERE access_key = ?", accessKey));
        s.ifPresent(this::cache);
        return s;
    }

    private void cache(Seller s) {
        CachedSeller c = new CachedSeller(s, System.currentTimeMillis() + SELLER_CACHE_MILLIS);
        sellersById.put(s.id(), c);
        sellersByKey.put(s.accessKey(), c);
    }

    private Optional<Seller> querySeller(Connection conn, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(fromJson(rs.getString(1), Seller.class)) : Optional.empty();
            }
        }
    }

    @Override
    public void saveSeller(Seller seller) {
        write(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO sellers (id, access_key, clock_offset_ms, doc) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (id) DO UPDATE SET access_key = excluded.access_key, "
                            + "clock_offset_ms = excluded.clock_offset_ms, doc = excluded.doc")) {
                ps.setString(1, seller.id());
                ps.setString(2, seller.accessKey());
                ps.setLong(3, seller.clockOffsetMillis());
                ps.setString(4, toJson(seller));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (isUniqueViolation(e)) {
                    throw PaymentException.invalidParameter("the access key of seller " + seller.id() + " is already used by another seller");
                }
                throw e;
            }
            return null;
        });
        sellersById.values().removeIf(c -> c.seller.id().equals(seller.id()));
        sellersByKey.values().removeIf(c -> c.seller.id().equals(seller.id()));
        cache(seller);
    }

    @Override
    public List<Seller> sellers() {
        return read(conn -> {
            List<Seller> list = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT doc FROM sellers ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) list.add(fromJson(rs.getString(1), Seller.class));
            }
            return list;
        });
    }

    // ------------------------------------------------------------------ order references

    @Override
    public boolean insertOrderReference(OrderReference oro) {
        try {
            return write(conn -> {
                try (PreparedStatement ps = conn.prepareStatement(
                        "INSERT INTO order_references (id, seller_id, environment, seller_order_id, state, created_ms, version, doc) "
                                + "VALUES (?, ?, ?, ?, ?, ?, 1, ?)")) {
                    ps.setString(1, oro.id());
                    ps.setString(2, oro.sellerId());
                    ps.setString(3, oro.environment().name());
                    ps.setString(4, oro.sellerOrderId());
                    ps.setString(5, oro.state().name());
                    ps.setLong(6, oro.created().toEpochMilli());
                    ps.setString(7, toJson(oro));
                    ps.executeUpdate();
                }
                writeSideEffects(conn, oro, 1);
                return true;
            });
        } catch (DuplicateKey e) {
            return false;
        } finally {
            oro.drainChanges();
        }
    }

    /** Thrown inside a transaction when an order reference id is taken. */
    private static final class DuplicateKey extends RuntimeException {
        DuplicateKey() {
            super(null, null, false, false);
        }
    }

    @Override
    public Optional<OrderReference> orderReference(String sellerId, Environment env, String id) {
        return read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT doc FROM order_references WHERE id = ? AND seller_id = ? AND environment = ?")) {
                ps.setString(1, id);
                ps.setString(2, sellerId);
                ps.setString(3, env.name());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(fromJson(rs.getString(1), OrderReference.class)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public <T> T updateOrderReference(String sellerId, Environment env, String id, Function<OrderReference, T> change) {
        return write(conn -> {
            Loaded loaded = load(conn, sellerId, env, id);
            if (loaded == null) throw PaymentService.invalidOrderReferenceId(id);
            T result = change.apply(loaded.oro);
            persist(conn, loaded);
            return result;
        });
    }

    private record Loaded(OrderReference oro, long version) {
    }

    private Loaded load(Connection conn, String sellerId, Environment env, String id) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT doc, version FROM order_references WHERE id = ? AND seller_id = ? AND environment = ?" + lockClause())) {
            ps.setString(1, id);
            ps.setString(2, sellerId);
            ps.setString(3, env.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new Loaded(fromJson(rs.getString(1), OrderReference.class), rs.getLong(2));
            }
        }
    }

    private void persist(Connection conn, Loaded loaded) throws SQLException {
        OrderReference oro = loaded.oro;
        long next = loaded.version + 1;
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE order_references SET doc = ?, version = ?, state = ?, seller_order_id = ? WHERE id = ? AND version = ?")) {
            ps.setString(1, toJson(oro));
            ps.setLong(2, next);
            ps.setString(3, oro.state().name());
            ps.setString(4, oro.sellerOrderId());
            ps.setString(5, oro.id());
            ps.setLong(6, loaded.version);
            if (ps.executeUpdate() != 1) {
                // Cannot happen under the row lock; kept as a guard against a lost update.
                throw new IllegalStateException("concurrent update of order reference " + oro.id());
            }
        }
        try {
            writeSideEffects(conn, oro, next);
        } finally {
            oro.drainChanges();
        }
    }

    private void writeSideEffects(Connection conn, OrderReference oro, long version) throws SQLException {
        if (!oro.pendingReferences().isEmpty()) {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO reference_ids (seller_id, environment, reference_id, kind, parent_id, object_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (ReferenceUse r : oro.pendingReferences()) {
                    ps.setString(1, oro.sellerId());
                    ps.setString(2, oro.environment().name());
                    ps.setString(3, r.referenceId());
                    ps.setString(4, r.kind().name());
                    ps.setString(5, r.parentId());
                    ps.setString(6, r.objectId());
                    try {
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        if (isUniqueViolation(e)) {
                            String field = switch (r.kind()) {
                                case AUTHORIZATION -> "AuthorizationReferenceId";
                                case CAPTURE -> "CaptureReferenceId";
                                case REFUND -> "RefundReferenceId";
                            };
                            throw OrderReference.duplicateReference(field, r.referenceId());
                        }
                        throw e;
                    }
                }
            }
        }
        if (!oro.pendingTimers().isEmpty()) {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO timers (id, seller_id, environment, order_reference_id, kind, target_id, due_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Timer t : oro.pendingTimers()) {
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, oro.sellerId());
                    ps.setString(3, oro.environment().name());
                    ps.setString(4, oro.id());
                    ps.setString(5, t.kind().name());
                    ps.setString(6, t.targetId());
                    ps.setLong(7, t.dueAt().toEpochMilli());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!oro.pendingEvents().isEmpty()) {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO outbox (id, seller_id, environment, order_reference_id, object_id, event_type, seq, created_ms, payload, "
                            + "status, attempts, next_attempt_ms, claimed_until_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, 0)")) {
                int i = 0;
                for (DomainEvent e : oro.pendingEvents()) {
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, oro.sellerId());
                    ps.setString(3, oro.environment().name());
                    ps.setString(4, oro.id());
                    ps.setString(5, e.objectId());
                    ps.setString(6, e.type().name());
                    // Per-order sequence: notifications of one order go out in this order.
                    ps.setLong(7, version * 1000 + i++);
                    ps.setLong(8, e.at().toEpochMilli());
                    ps.setString(9, renderer.render(oro, e, e.at()));
                    ps.setLong(10, e.at().toEpochMilli());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    @Override
    public Optional<ReferenceUse> referenceUse(String sellerId, Environment env, String referenceId) {
        return read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT kind, parent_id, object_id FROM reference_ids WHERE seller_id = ? AND environment = ? AND reference_id = ?")) {
                ps.setString(1, sellerId);
                ps.setString(2, env.name());
                ps.setString(3, referenceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new ReferenceUse(referenceId, ReferenceUse.Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)));
                }
            }
        });
    }

    @Override
    public List<OrderReference> listOrderReferences(ListQuery q) {
        return read(conn -> {
            StringBuilder sql = new StringBuilder(
                    "SELECT doc FROM order_references WHERE seller_id = ? AND environment = ? AND seller_order_id = ?");
            List<Object> args = new ArrayList<>(List.of(q.sellerId(), q.environment().name(), q.sellerOrderId()));
            if (q.createdFrom() != null) {
                sql.append(" AND created_ms >= ?");
                args.add(q.createdFrom().toEpochMilli());
            }
            if (q.createdTo() != null) {
                sql.append(" AND created_ms <= ?");
                args.add(q.createdTo().toEpochMilli());
            }
            if (q.states() != null && !q.states().isEmpty()) {
                sql.append(" AND state IN (");
                int n = 0;
                for (OrderReferenceState s : q.states()) {
                    sql.append(n++ == 0 ? "?" : ", ?");
                    args.add(s.name());
                }
                sql.append(")");
            }
            sql.append(" ORDER BY created_ms ").append(q.ascending() ? "ASC" : "DESC").append(", id LIMIT ? OFFSET ?");
            args.add(q.limit());
            args.add(q.offset());
            List<OrderReference> list = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) list.add(fromJson(rs.getString(1), OrderReference.class));
                }
            }
            return list;
        });
    }

    // ------------------------------------------------------------------ timers

    @Override
    public List<DueTimer> dueTimers(String sellerId, Instant realNow, int limit) {
        return read(conn -> {
            long maxOffset = 0;
            try (PreparedStatement ps = conn.prepareStatement("SELECT MAX(clock_offset_ms) FROM sellers");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) maxOffset = rs.getLong(1);
            }
            long now = realNow.toEpochMilli();
            String sql = "SELECT t.id, t.seller_id, t.environment, t.order_reference_id, t.kind, t.target_id, t.due_ms "
                    + "FROM timers t JOIN sellers s ON s.id = t.seller_id "
                    + "WHERE t.due_ms <= ? AND t.due_ms <= ? + s.clock_offset_ms"
                    + (sellerId == null ? "" : " AND t.seller_id = ?")
                    + " ORDER BY t.due_ms, t.id LIMIT ?";
            List<DueTimer> list = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                List<Object> args = new ArrayList<>(List.of(now + maxOffset, now));
                if (sellerId != null) args.add(sellerId);
                args.add(limit);
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(new DueTimer(rs.getString(1), rs.getString(2), Environment.valueOf(rs.getString(3)), rs.getString(4),
                                new Timer(Timer.Kind.valueOf(rs.getString(5)), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)))));
                    }
                }
            }
            return list;
        });
    }

    @Override
    public void fireTimer(DueTimer t, Consumer<OrderReference> fire) {
        try {
            write(conn -> {
                if (!deleteTimer(conn, t.timerId())) return null; // another node fired it
                Loaded loaded = load(conn, t.sellerId(), t.environment(), t.orderReferenceId());
                if (loaded == null) return null;
                fire.accept(loaded.oro);
                persist(conn, loaded);
                return null;
            });
        } catch (RuntimeException e) {
            // A timer that cannot be applied must not block the others: drop it and say so.
            log.error("timer {} {} on {} failed and was dropped", t.timer().kind(), t.timer().targetId(), t.orderReferenceId(), e);
            write(conn -> deleteTimer(conn, t.timerId()));
        }
    }

    private static boolean deleteTimer(Connection conn, String id) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM timers WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    // ------------------------------------------------------------------ helpers

    protected static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long l) ps.setLong(i + 1, l);
            else if (a instanceof Integer n) ps.setInt(i + 1, n);
            else ps.setString(i + 1, (String) a);
        }
    }

    protected String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + o.getClass().getSimpleName(), e);
        }
    }

    protected <T> T fromJson(String s, Class<T> type) {
        try {
            return json.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored " + type.getSimpleName(), e);
        }
    }

    /** Wraps an SQLException of a write so callers see a clear runtime failure. */
    protected RuntimeException storeFailure(SQLException e) {
        if (isUniqueViolation(e)) return new DuplicateKey();
        return new StoreException("database error: " + e.getMessage(), e);
    }

    /** An unexpected database failure (answered as InternalServerError, which clients retry). */
    public static final class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
