package dev.offpay.store;

import dev.offpay.core.Environment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery side of the outbox over JDBC: claiming due rows on each seller's clock, recording
 * attempts, per-seller delivery controls (pause, injected faults) and the buyer mailbox.
 *
 * <p>A row is claimed by a version-checked UPDATE of {@code claimed_until_ms}; on PostgreSQL the
 * candidate SELECT also takes {@code FOR UPDATE SKIP LOCKED} so concurrent nodes do not queue on
 * one another. A claim is a lease: a node that dies holding it loses it when the lease expires.
 */
public final class JdbcOutbox {
    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String DEAD = "DEAD";
    public static final String NO_ENDPOINT = "NO_ENDPOINT";

    private static final String ROW_COLUMNS = "o.id, o.seller_id, o.environment, o.order_reference_id, o.object_id, o.event_type, o.seq, "
            + "o.created_ms, o.payload, o.status, o.attempts, o.next_attempt_ms, o.claimed_until_ms, o.last_status, o.last_error, o.delivered_ms";
    private static final String IS_EMAIL = "o.event_type LIKE 'EMAIL%'";

    private final JdbcStore store;
    private final boolean postgres;

    /** One outbox row. Times ending in Ms are epoch milliseconds on the seller's clock, except claimedUntilMs (real time). */
    public record Row(String id, String sellerId, Environment environment, String orderReferenceId, String objectId, String eventType,
                      long seq, long createdMs, String payload, String status, int attempts, long nextAttemptMs, long claimedUntilMs,
                      Integer lastStatus, String lastError, Long deliveredMs) {
        /** True for buyer e-mails, false for IPNs. */
        public boolean isEmail() {
            return eventType.startsWith("EMAIL");
        }
    }

    /** One delivery attempt. kind: DELIVERY, DUPLICATE (an injected second copy), SMTP. atMs is on the seller's clock. */
    public record Attempt(String outboxId, int attempt, String kind, long atMs, String messageId, String url, Integer statusCode,
                          long latencyMs, String error) {
    }

    /** A seller's delivery controls: paused, and faults to inject into its next IPN deliveries. */
    public record Controls(String sellerId, boolean paused, int failNext, int failStatus, int duplicateNext, long delayMs, int reorderNext) {
        /** No pause, no faults. */
        public static Controls none(String sellerId) {
            return new Controls(sellerId, false, 0, 503, 0, 0, 0);
        }
    }

    /** A buyer e-mail as stored in the seller's sandbox mailbox (fields: JSON object of the values shown). smtpStatus: NOT_CONFIGURED, PENDING, SENT, FAILED, NO_RECIPIENT. */
    public record Mail(String id, String sellerId, Environment environment, String orderReferenceId, String objectId, String eventType,
                       long createdMs, long seq, String to, String subject, String body, String fields, String smtpStatus, String smtpError) {
    }

    /** The outcome of a claimed row's delivery, written in one transaction with its attempts. */
    public record Outcome(String status, int countedAttempts, long nextAttemptMs, Integer lastStatus, String lastError, Long deliveredMs) {
    }

    public JdbcOutbox(JdbcStore store) {
        this.store = store;
        this.postgres = !store.lockClause().isEmpty();
    }

    // ------------------------------------------------------------------ claiming

    /**
     * Claims up to {@code limit} rows that are due on their seller's clock, of one seller or of all
     * when {@code sellerId} is null. IPNs of one order reference are claimable only when no earlier
     * IPN of it is still PENDING (unless the seller injected a reorder fault); IPNs of paused sellers
     * are not claimable; an injected delay postpones first attempts. The claim lasts until
     * {@code leaseUntilMs} (real time).
     */
    public List<Row> claimDue(String sellerId, long realNowMs, long leaseUntilMs, String claimer, int limit) {
        if (postgres) {
            return store.write(conn -> claim(conn, candidates(conn, sellerId, null, realNowMs, limit), leaseUntilMs, claimer));
        }
        // SQLite has one writer: look for due rows on a reader, so the scan never holds up API writes, and
        // claim them in a short write transaction (each claim is version-checked, so a row another worker
        // took in between is skipped).
        Candidates found = store.read(conn -> candidates(conn, sellerId, null, realNowMs, limit));
        if (found.rows().isEmpty()) return List.of();
        return store.write(conn -> claim(conn, found, leaseUntilMs, claimer));
    }

    /** Due rows in delivery order, and how many more IPNs per seller may go out of order. */
    private record Candidates(List<Row> rows, Map<String, Integer> reorderBudget) {
    }

    /** Due rows; with {@code orderReferenceIds} only the IPNs of those order references. */
    private Candidates candidates(java.sql.Connection conn, String sellerId, Collection<String> orderReferenceIds, long realNowMs, int limit)
            throws SQLException {
        long maxOffset = 0;
        try (PreparedStatement ps = conn.prepareStatement("SELECT MAX(clock_offset_ms) FROM sellers");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) maxOffset = rs.getLong(1);
        }
        String reorder = "(COALESCE(c.reorder_next, 0) > 0 AND NOT " + IS_EMAIL + ")";
        String sql = "SELECT " + ROW_COLUMNS + ", COALESCE(c.reorder_next, 0) FROM outbox o "
                + "JOIN sellers s ON s.id = o.seller_id "
                + "LEFT JOIN notification_controls c ON c.seller_id = o.seller_id "
                + "WHERE o.status = 'PENDING' AND o.claimed_until_ms <= ? AND o.next_attempt_ms <= ? "
                + (sellerId == null ? "" : "AND o.seller_id = ? ")
                + (orderReferenceIds == null ? "" : "AND NOT " + IS_EMAIL + " AND o.order_reference_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(orderReferenceIds.size(), "?")) + ") ")
                + "AND o.next_attempt_ms + (CASE WHEN o.attempts = 0 AND NOT " + IS_EMAIL + " THEN COALESCE(c.delay_ms, 0) ELSE 0 END) "
                + "<= ? + s.clock_offset_ms "
                + "AND (" + IS_EMAIL + " OR (COALESCE(c.paused, 0) = 0 AND (COALESCE(c.reorder_next, 0) > 0 OR NOT EXISTS ("
                + "SELECT 1 FROM outbox p WHERE p.order_reference_id = o.order_reference_id AND p.seq < o.seq "
                + "AND p.status = 'PENDING' AND p.event_type NOT LIKE 'EMAIL%')))) "
                + "ORDER BY CASE WHEN " + reorder + " THEN -o.created_ms ELSE o.next_attempt_ms END, "
                + "CASE WHEN " + reorder + " THEN -o.seq ELSE o.seq END, o.id LIMIT ?"
                + (postgres ? " FOR UPDATE OF o SKIP LOCKED" : "");
        List<Object> args = new ArrayList<>(List.of(realNowMs, realNowMs + maxOffset));
        if (sellerId != null) args.add(sellerId);
        if (orderReferenceIds != null) args.addAll(orderReferenceIds);
        args.add(realNowMs);
        args.add(limit);
        List<Row> candidates = new ArrayList<>();
        Map<String, Integer> reorderBudget = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            JdbcStore.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = row(rs);
                    int budget = rs.getInt(17);
                    if (budget > 0 && !r.isEmail()) {
                        // Only the next N IPNs go out of order; the rest wait for the next, ordered batch.
                        int left = reorderBudget.getOrDefault(r.sellerId(), budget);
                        if (left <= 0) continue;
                        reorderBudget.put(r.sellerId(), left - 1);
                    }
                    candidates.add(r);
                }
            }
        }
        return new Candidates(candidates, reorderBudget);
    }

    private List<Row> claim(java.sql.Connection conn, Candidates found, long leaseUntilMs, String claimer) throws SQLException {
        List<Row> candidates = found.rows();
        Map<String, Integer> reorderBudget = found.reorderBudget();
        List<Row> claimed = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE outbox SET claimed_until_ms = ?, claimed_by = ? WHERE id = ? AND status = 'PENDING' AND claimed_until_ms = ?")) {
            for (Row r : candidates) {
                ps.setLong(1, leaseUntilMs);
                ps.setString(2, claimer);
                ps.setString(3, r.id());
                ps.setLong(4, r.claimedUntilMs());
                if (ps.executeUpdate() == 1) {
                    claimed.add(new Row(r.id(), r.sellerId(), r.environment(), r.orderReferenceId(), r.objectId(), r.eventType(), r.seq(),
                            r.createdMs(), r.payload(), r.status(), r.attempts(), r.nextAttemptMs(), leaseUntilMs, r.lastStatus(),
                            r.lastError(), r.deliveredMs()));
                }
            }
        }
        for (Map.Entry<String, Integer> e : reorderBudget.entrySet()) {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE notification_controls SET reorder_next = ? WHERE seller_id = ?")) {
                ps.setInt(1, Math.max(0, e.getValue()));
                ps.setString(2, e.getKey());
                ps.executeUpdate();
            }
        }
        return claimed;
    }

    /**
     * What to write for one delivered row: its outcome, its attempts and, for buyer e-mails, the mailbox
     * row to store ({@code mail}, kept if one with its id exists) and the SMTP status to record
     * ({@code mailStatus}, null for none). When {@code mailStatusIfPending} is true the status is only
     * written over a stored PENDING or FAILED status.
     */
    public record Completion(Row claimed, Outcome outcome, List<Attempt> attempts, Mail mail, String mailStatus, String mailError,
                             boolean mailStatusIfPending) {
        public Completion(Row claimed, Outcome outcome, List<Attempt> attempts) {
            this(claimed, outcome, attempts, null, null, null, false);
        }
    }

    /**
     * Writes the outcome of a claimed row and its attempts in one transaction. False when the
     * claim was lost (its lease expired and another worker took the row): nothing is written.
     */
    public boolean complete(Row claimed, String claimer, Outcome outcome, List<Attempt> attempts) {
        return completeAll(claimer, List.of(new Completion(claimed, outcome, attempts))).get(0);
    }

    /**
     * Writes the outcomes of many claimed rows, with their attempts and mailbox rows, in ONE write
     * transaction. Each row is version-checked against its claim: a row whose claim was lost (its
     * lease expired and another worker took it, or it was resent) writes nothing. Returns, per item
     * in order, whether it was written.
     */
    public List<Boolean> completeAll(String claimer, List<Completion> items) {
        if (items.isEmpty()) return List.of();
        return completeAll(claimer, items, 0, 0).written();
    }

    /** What {@link #completeAll(String, List, long, long)} wrote, and the rows it claimed next. */
    public record Completed(List<Boolean> written, List<Row> next) {
    }

    /**
     * Like {@link #completeAll(String, List)}, and when {@code leaseUntilMs} is positive also claims, in
     * the same transaction, the IPNs that the written outcomes unblocked: the next due IPN of each order
     * reference whose IPN left PENDING, under the same rules as {@link #claimDue} (pause, delay, reorder,
     * per-order sequence). So the next IPN of an order goes out right after the previous is committed.
     */
    public Completed completeAll(String claimer, List<Completion> items, long realNowMs, long leaseUntilMs) {
        if (items.isEmpty()) return new Completed(List.of(), List.of());
        return store.write(conn -> {
            List<Boolean> written = new ArrayList<>(items.size());
            List<Completion> kept = new ArrayList<>(items.size());
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE outbox SET status = ?, attempts = attempts + ?, next_attempt_ms = ?, claimed_until_ms = 0, claimed_by = NULL, "
                            + "last_status = ?, last_error = ?, delivered_ms = COALESCE(?, delivered_ms) "
                            + "WHERE id = ? AND claimed_until_ms = ? AND claimed_by = ?")) {
                for (Completion c : items) {
                    Outcome outcome = c.outcome();
                    ps.setString(1, outcome.status());
                    ps.setInt(2, outcome.countedAttempts());
                    ps.setLong(3, outcome.nextAttemptMs());
                    setInt(ps, 4, outcome.lastStatus());
                    ps.setString(5, truncate(outcome.lastError()));
                    setLong(ps, 6, outcome.deliveredMs());
                    ps.setString(7, c.claimed().id());
                    ps.setLong(8, c.claimed().claimedUntilMs());
                    ps.setString(9, claimer);
                    boolean ok = ps.executeUpdate() == 1;
                    written.add(ok);
                    if (ok) kept.add(c);
                }
            }
            List<Attempt> all = new ArrayList<>();
            List<String> sellers = new ArrayList<>();
            for (Completion c : kept) {
                for (Attempt a : c.attempts()) {
                    all.add(a);
                    sellers.add(c.claimed().sellerId());
                }
            }
            insertAttempts(conn, sellers, all);
            for (Completion c : kept) {
                if (c.mail() != null) insertMail(conn, c.mail());
                if (c.mailStatus() != null) markMail(conn, c.claimed().id(), c.mailStatus(), c.mailError(), c.mailStatusIfPending());
            }
            List<Row> next = new ArrayList<>();
            if (leaseUntilMs > 0) {
                java.util.Set<String> unblocked = new java.util.LinkedHashSet<>();
                for (Completion c : kept) {
                    if (!c.claimed().isEmail() && !PENDING.equals(c.outcome().status())) unblocked.add(c.claimed().orderReferenceId());
                }
                List<String> refs = new ArrayList<>(unblocked);
                for (int from = 0; from < refs.size(); from += 200) {
                    List<String> chunk = refs.subList(from, Math.min(refs.size(), from + 200));
                    next.addAll(claim(conn, candidates(conn, null, chunk, realNowMs, chunk.size() * 4), leaseUntilMs, claimer));
                }
            }
            return new Completed(written, next);
        });
    }

    private static void insertAttempts(Connection conn, List<String> sellerIds, List<Attempt> attempts) throws SQLException {
        if (attempts.isEmpty()) return;
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO outbox_attempts (id, outbox_id, seller_id, attempt, kind, at_ms, message_id, url, status_code, latency_ms, error) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < attempts.size(); i++) {
                Attempt a = attempts.get(i);
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, a.outboxId());
                ps.setString(3, sellerIds.get(i));
                ps.setInt(4, a.attempt());
                ps.setString(5, a.kind());
                ps.setLong(6, a.atMs());
                ps.setString(7, a.messageId());
                ps.setString(8, truncate(a.url()));
                setInt(ps, 9, a.statusCode());
                ps.setLong(10, a.latencyMs());
                ps.setString(11, truncate(a.error()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Releases every claim held by {@code claimer} (a restarted node's own claims); returns how many. */
    public int releaseClaims(String claimer) {
        return store.write(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE outbox SET claimed_until_ms = 0, claimed_by = NULL WHERE claimed_by = ? AND status = 'PENDING'")) {
                ps.setString(1, claimer);
                return ps.executeUpdate();
            }
        });
    }

    /** Makes a row due again at {@code sellerNowMs}, whatever its status; false when the seller has no such row. */
    public boolean resend(String sellerId, String id, long sellerNowMs) {
        return store.write(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE outbox SET status = 'PENDING', next_attempt_ms = ?, claimed_until_ms = 0, claimed_by = NULL "
                            + "WHERE id = ? AND seller_id = ?")) {
                ps.setLong(1, sellerNowMs);
                ps.setString(2, id);
                ps.setString(3, sellerId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    // ------------------------------------------------------------------ reading the log

    /** One row of a seller. */
    public Optional<Row> row(String sellerId, String id) {
        return store.read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + ROW_COLUMNS + " FROM outbox o WHERE o.id = ? AND o.seller_id = ?")) {
                ps.setString(1, id);
                ps.setString(2, sellerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /** A seller's rows, oldest first; null filters match everything. */
    public List<Row> rows(String sellerId, String orderReferenceId, String status, boolean emails, int limit) {
        return store.read(conn -> {
            StringBuilder sql = new StringBuilder("SELECT " + ROW_COLUMNS + " FROM outbox o WHERE o.seller_id = ? AND ")
                    .append(emails ? IS_EMAIL : "o.event_type NOT LIKE 'EMAIL%'");
            List<Object> args = new ArrayList<>(List.of(sellerId));
            if (orderReferenceId != null) {
                sql.append(" AND o.order_reference_id = ?");
                args.add(orderReferenceId);
            }
            if (status != null) {
                sql.append(" AND o.status = ?");
                args.add(status);
            }
            sql.append(" ORDER BY o.created_ms, o.seq, o.id LIMIT ?");
            args.add(limit);
            List<Row> list = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                JdbcStore.bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) list.add(row(rs));
                }
            }
            return list;
        });
    }

    /** The attempts of the given rows, oldest first, keyed by row id. */
    public Map<String, List<Attempt>> attempts(Collection<String> outboxIds) {
        Map<String, List<Attempt>> byRow = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(outboxIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            store.read(conn -> {
                String sql = "SELECT outbox_id, attempt, kind, at_ms, message_id, url, status_code, latency_ms, error FROM outbox_attempts "
                        + "WHERE outbox_id IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ") ORDER BY at_ms, attempt";
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    JdbcStore.bind(ps, new ArrayList<>(chunk));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Attempt a = new Attempt(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                                    (Integer) nullableInt(rs, 7), rs.getLong(8), rs.getString(9));
                            byRow.computeIfAbsent(a.outboxId(), k -> new ArrayList<>()).add(a);
                        }
                    }
                }
                return null;
            });
        }
        return byRow;
    }

    // ------------------------------------------------------------------ controls

    /** The seller's delivery controls (none when never set). */
    public Controls controls(String sellerId) {
        return store.read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT paused, fail_next, fail_status, duplicate_next, delay_ms, reorder_next FROM notification_controls WHERE seller_id = ?")) {
                ps.setString(1, sellerId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Controls.none(sellerId);
                    return new Controls(sellerId, rs.getInt(1) != 0, rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getLong(5), rs.getInt(6));
                }
            }
        });
    }

    /** Replaces the seller's delivery controls. */
    public void saveControls(Controls c) {
        store.write(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO notification_controls (seller_id, paused, fail_next, fail_status, duplicate_next, delay_ms, reorder_next) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seller_id) DO UPDATE SET paused = excluded.paused, "
                            + "fail_next = excluded.fail_next, fail_status = excluded.fail_status, duplicate_next = excluded.duplicate_next, "
                            + "delay_ms = excluded.delay_ms, reorder_next = excluded.reorder_next")) {
                ps.setString(1, c.sellerId());
                ps.setInt(2, c.paused() ? 1 : 0);
                ps.setInt(3, c.failNext());
                ps.setInt(4, c.failStatus());
                ps.setInt(5, c.duplicateNext());
                ps.setLong(6, c.delayMs());
                ps.setInt(7, c.reorderNext());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Consumes one injected failure of the seller; returns the status code to record, or empty when none is left. */
    public Optional<Integer> takeFailure(String sellerId) {
        return store.write(conn -> {
            int status;
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT fail_status FROM notification_controls WHERE seller_id = ? AND fail_next > 0")) {
                ps.setString(1, sellerId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    status = rs.getInt(1);
                }
            }
            return decrement(conn, sellerId, "fail_next") ? Optional.of(status) : Optional.empty();
        });
    }

    /** Consumes one injected duplicate of the seller; true when the next delivery must be sent twice. */
    public boolean takeDuplicate(String sellerId) {
        return store.write(conn -> decrement(conn, sellerId, "duplicate_next"));
    }

    private static boolean decrement(Connection conn, String sellerId, String column) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE notification_controls SET " + column + " = " + column + " - 1 WHERE seller_id = ? AND " + column + " > 0")) {
            ps.setString(1, sellerId);
            return ps.executeUpdate() == 1;
        }
    }

    // ------------------------------------------------------------------ mailbox

    /** Stores a buyer e-mail unless one with its id (the outbox row id) exists; true when it was new. */
    public boolean insertMail(Mail m) {
        return store.write(conn -> insertMail(conn, m));
    }

    private static boolean insertMail(Connection conn, Mail m) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO mailbox (id, seller_id, environment, order_reference_id, object_id, event_type, created_ms, seq, to_address, subject, "
                        + "body, fields, smtp_status, smtp_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, m.id());
            ps.setString(2, m.sellerId());
            ps.setString(3, m.environment().name());
            ps.setString(4, m.orderReferenceId());
            ps.setString(5, m.objectId());
            ps.setString(6, m.eventType());
            ps.setLong(7, m.createdMs());
            ps.setLong(8, m.seq());
            ps.setString(9, m.to());
            ps.setString(10, m.subject());
            ps.setString(11, m.body());
            ps.setString(12, m.fields());
            ps.setString(13, m.smtpStatus());
            ps.setString(14, truncate(m.smtpError()));
            return ps.executeUpdate() == 1;
        }
    }

    /** One stored e-mail. */
    public Optional<Mail> mail(String id) {
        return store.read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(MAIL_SELECT + " WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(mail(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Records the SMTP outcome of a stored e-mail. */
    public void markMail(String id, String smtpStatus, String smtpError) {
        store.write(conn -> {
            markMail(conn, id, smtpStatus, smtpError, false);
            return null;
        });
    }

    private static void markMail(Connection conn, String id, String smtpStatus, String smtpError, boolean ifPending) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE mailbox SET smtp_status = ?, smtp_error = ? WHERE id = ?"
                + (ifPending ? " AND smtp_status IN ('PENDING', 'FAILED')" : ""))) {
            ps.setString(1, smtpStatus);
            ps.setString(2, truncate(smtpError));
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    /** A seller's mailbox, oldest first; null filters match everything. */
    public List<Mail> mailbox(String sellerId, String orderReferenceId, String to, int limit) {
        return store.read(conn -> {
            StringBuilder sql = new StringBuilder(MAIL_SELECT + " WHERE seller_id = ?");
            List<Object> args = new ArrayList<>(List.of(sellerId));
            if (orderReferenceId != null) {
                sql.append(" AND order_reference_id = ?");
                args.add(orderReferenceId);
            }
            if (to != null) {
                sql.append(" AND to_address = ?");
                args.add(to);
            }
            sql.append(" ORDER BY created_ms, seq, id LIMIT ?");
            args.add(limit);
            List<Mail> list = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                JdbcStore.bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) list.add(mail(rs));
                }
            }
            return list;
        });
    }

    private static final String MAIL_SELECT = "SELECT id, seller_id, environment, order_reference_id, object_id, event_type, created_ms, "
            + "seq, to_address, subject, body, fields, smtp_status, smtp_error FROM mailbox";

    private static Mail mail(ResultSet rs) throws SQLException {
        return new Mail(rs.getString(1), rs.getString(2), Environment.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14));
    }

    // ------------------------------------------------------------------ helpers

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), Environment.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getInt(11), rs.getLong(12),
                rs.getLong(13), (Integer) nullableInt(rs, 14), rs.getString(15), nullableLong(rs, 16));
    }

    private static Object nullableInt(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, v);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
