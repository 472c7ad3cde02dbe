package dev.offpay.testkit;

import dev.offpay.core.Authorization;
import dev.offpay.core.Capture;
import dev.offpay.core.Environment;
import dev.offpay.core.ErrorCode;
import dev.offpay.core.Money;
import dev.offpay.core.OrderReference;
import dev.offpay.core.OrderReference.Attributes;
import dev.offpay.core.OrderReference.AuthorizeRequest;
import dev.offpay.core.OrderReference.CaptureRequest;
import dev.offpay.core.OrderReference.RefundRequest;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.PaymentException;
import dev.offpay.core.ReferenceUse;
import dev.offpay.core.Region;
import dev.offpay.core.SandboxProcessor;
import dev.offpay.core.Seller;
import dev.offpay.core.States.AuthorizationState;
import dev.offpay.core.States.OrderReferenceState;
import dev.offpay.core.Store;
import dev.offpay.core.TestBuyer;
import dev.offpay.core.TestBuyers;
import dev.offpay.core.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of the {@link Store} port, written once and run on every database: a subclass only
 * says how to open a fresh, empty store and a plain JDBC connection to the same database.
 */
public abstract class StoreContract {
    /** Renders a short, checkable payload for every outbox row. */
    protected static final OutboxRenderer RENDERER = (o, e, at) -> e.type() + " " + e.objectId() + " " + o.state();

    protected static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    /** A new store over an empty database (migrated). Called once per test. */
    protected abstract Store newStore();

    /** A plain JDBC connection to the database of the last {@link #newStore()}, to check rows the port does not expose. */
    protected abstract Connection openConnection() throws SQLException;

    protected Store store;
    protected Seller seller;
    protected Seller otherSeller;
    private final Random random = new Random(5);
    private final TestBuyer buyer = TestBuyers.defaultBuyer(Region.US);
    private int ids;

    @BeforeEach
    void openStore() {
        store = newStore();
        seller = Seller.create("A1CONTRACT", "AKIACONTRACT", "secret-1", Region.US, "Contract Store");
        otherSeller = Seller.create("A2OTHER", "AKIAOTHER", "secret-2", Region.US, "Other Store");
        store.saveSeller(seller);
        store.saveSeller(otherSeller);
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    // ------------------------------------------------------------------ helpers

    protected OrderReference.Context ctx(Seller s, Instant now) {
        return new OrderReference.Context(now, s, new SandboxProcessor(), Duration.ofSeconds(30), random);
    }

    protected String newId(Environment env) {
        ids++;
        return env.orderReferencePrefix() + "01-" + String.format("%07d", 1000 + ids) + "-" + String.format("%07d", 7000 + ids);
    }

    protected OrderReference draft(Seller s, Environment env, Instant created) {
        return OrderReference.createDraft(newId(env), s, env, created, buyer.email(), buyer.asBuyer(), buyer.addresses().get(0),
                buyer.instruments().get(0), true, buyer.hasDirectDebit(), buyer.billingAddress());
    }

    protected static Money usd(String s) {
        return Money.parse(dev.offpay.core.CurrencyCode.USD, s);
    }

    protected static Attributes details(String total, String sellerOrderId) {
        return new Attributes(usd(total), "note", null, sellerOrderId, null, null, null, null, null, null, null);
    }

    /** Inserts a Draft and confirms it through the store; returns its id. */
    protected String insertOpen(Seller s, Environment env, Instant created, String total, String sellerOrderId) {
        OrderReference d = draft(s, env, created);
        assertTrue(store.insertOrderReference(d));
        store.updateOrderReference(s.id(), env, d.id(), o -> {
            o.setOrderReferenceDetails(details(total, sellerOrderId), ctx(s, created));
            o.confirm(false, ctx(s, created));
            return null;
        });
        return d.id();
    }

    protected OrderReference load(Seller s, Environment env, String id) {
        return store.orderReference(s.id(), env, id).orElseThrow(() -> new AssertionError(id + " not found"));
    }

    protected long count(String sql, Object... args) {
        try (Connection c = openConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }

    protected long outboxRows(String orderReferenceId) {
        return count("SELECT COUNT(*) FROM outbox WHERE order_reference_id = ?", orderReferenceId);
    }

    protected long timerRows(String orderReferenceId) {
        return count("SELECT COUNT(*) FROM timers WHERE order_reference_id = ?", orderReferenceId);
    }

    protected List<String> outboxPayloads(String orderReferenceId) {
        List<String> list = new ArrayList<>();
        try (Connection c = openConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT payload FROM outbox WHERE order_reference_id = ? ORDER BY seq")) {
            ps.setString(1, orderReferenceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) list.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return list;
    }

    private static void assertCode(ErrorCode code, PaymentException e) {
        assertEquals(code, e.code(), e.getMessage());
    }

    // ------------------------------------------------------------------ sellers

    @Test
    void sellersAreSavedFoundAndUpdated() {
        assertEquals(Optional.of(seller), store.sellerById(seller.id()));
        assertEquals(Optional.of(seller), store.sellerByAccessKey(seller.accessKey()));
        assertEquals(Optional.empty(), store.sellerById("A9UNKNOWN"));
        assertEquals(Optional.empty(), store.sellerByAccessKey("AKIAUNKNOWN"));
        assertEquals(Optional.empty(), store.sellerById(null));
        assertEquals(List.of(seller, otherSeller), store.sellers());

        Seller updated = seller.withSettings(Region.UK, "Renamed", "https://ipn.example/sandbox", null, true, "cs@example.com", "+1",
                true).withClockOffsetMillis(3_600_000).withGrant(new Seller.MwsAuthGrant("amzn.mws.token", "dev-1"));
        store.saveSeller(updated);
        assertEquals(Optional.of(updated), store.sellerById(seller.id()));
        assertEquals(Optional.of(updated), store.sellerByAccessKey(seller.accessKey()));
        assertEquals(2, store.sellers().size());

        Seller rekeyed = updated.withKeys("AKIANEWKEY", "secret-3");
        store.saveSeller(rekeyed);
        assertEquals(Optional.of(rekeyed), store.sellerByAccessKey("AKIANEWKEY"));
        assertEquals(Optional.empty(), store.sellerByAccessKey(seller.accessKey()), "the old key no longer finds the seller");
    }

    @Test
    void accessKeysAreUnique() {
        Seller thief = Seller.create("A3THIEF", seller.accessKey(), "x", Region.US, "Thief");
        PaymentException e = assertThrows(PaymentException.class, () -> store.saveSeller(thief));
        assertCode(ErrorCode.InvalidParameterValue, e);
        assertEquals(Optional.empty(), store.sellerById(thief.id()));
        assertEquals(Optional.of(seller), store.sellerByAccessKey(seller.accessKey()));
        Seller stolenByUpdate = otherSeller.withKeys(seller.accessKey(), "x");
        assertThrows(PaymentException.class, () -> store.saveSeller(stolenByUpdate));
        assertEquals(Optional.of(otherSeller), store.sellerById(otherSeller.id()));
    }

    // ------------------------------------------------------------------ order references

    @Test
    void aDraftRoundTripsWithItsTimers() {
        OrderReference d = draft(seller, Environment.SANDBOX, T0);
        String before = AggregateSnapshot.of(d);
        assertTrue(store.insertOrderReference(d));
        assertTrue(d.pendingTimers().isEmpty(), "the store drained what it persisted");
        assertEquals(before, AggregateSnapshot.of(load(seller, Environment.SANDBOX, d.id())));
        assertEquals(2, timerRows(d.id()), "stale-draft and expiry timers");
        OrderReference again = draft(seller, Environment.SANDBOX, T0);
        OrderReference sameId = OrderReference.createDraft(d.id(), seller, Environment.SANDBOX, T0, "x@example.com", null, null,
                null, false, false, null);
        assertFalse(store.insertOrderReference(sameId), "a taken id is refused");
        assertEquals(before, AggregateSnapshot.of(load(seller, Environment.SANDBOX, d.id())));
        assertEquals(2, timerRows(d.id()));
        assertTrue(store.insertOrderReference(again));
    }

    @Test
    void theWholeAggregateRoundTrips() {
        String id = insertOpen(seller, Environment.SANDBOX, T0, "200", "SO-RT");
        OrderReference after = store.updateOrderReference(seller.id(), Environment.SANDBOX, id, o -> {
            OrderReference.Context c = ctx(seller, T0.plusSeconds(60));
            Authorization a = o.authorize(new AuthorizeRequest("rt-a1", usd("80"), "first", 0, false, "SOFT"), c);
            Capture cap = o.capture(a.id(), new CaptureRequest("rt-c1", usd("70"), "ship", null), c);
            o.refund(cap.id(), new RefundRequest("rt-r1", usd("10"), "sorry", null), c);
            o.authorize(new AuthorizeRequest("rt-a2", usd("20"), null, null, false, null), c);
            o.authorize(new AuthorizeRequest("rt-a4", usd("1"), null, 0, true, null), c);
            o.authorize(new AuthorizeRequest("rt-a3", usd("20"), "{\"SandboxSimulation\": {\"State\": \"Declined\", "
                    + "\"ReasonCode\": \"InvalidPaymentMethod\", \"PaymentMethodUpdateTimeInMins\": 5}}", 0, false, null), c);
            o.setOrderAttributes(new Attributes(null, null, null, null, null, "custom", "{\"k\":1}", List.of("Books", "Toys"), null,
                    "psp", "psp-order"), c);
            return o;
        });
        String expected = AggregateSnapshot.of(after);
        assertTrue(expected.contains("rt-r1") && expected.contains("Suspended") && expected.contains("Books"), expected);
        OrderReference loaded = load(seller, Environment.SANDBOX, id);
        assertEquals(expected, AggregateSnapshot.of(loaded));
        assertEquals(4, loaded.authorizations().size());
        assertEquals(OrderReferenceState.Suspended, loaded.state());
        // The reloaded aggregate keeps its rules: idempotent replays and reference checks still work.
        Authorization replay = store.updateOrderReference(seller.id(), Environment.SANDBOX, id,
                o -> o.authorize(new AuthorizeRequest("rt-a1", usd("80"), "first", 0, false, "SOFT"), ctx(seller, T0)));
        assertEquals(loaded.authorizations().get(0).id(), replay.id());
        PaymentException dup = assertThrows(PaymentException.class, () -> store.updateOrderReference(seller.id(), Environment.SANDBOX, id,
                o -> o.authorize(new AuthorizeRequest("rt-c1", usd("1"), null, 0, false, null), ctx(seller, T0))));
        assertCode(ErrorCode.DuplicateReferenceId, dup);
    }

    @Test
    void updateReturnsTheChangesResultAndPersistsItsEvents() {
        OrderReference d = draft(seller, Environment.SANDBOX, T0);
        store.insertOrderReference(d);
        assertEquals(0, outboxRows(d.id()));
        String r = store.updateOrderReference(seller.id(), Environment.SANDBOX, d.id(), o -> {
            o.setOrderReferenceDetails(details("10", "SO-E"), ctx(seller, T0));
            o.confirm(false, ctx(seller, T0));
            return "result";
        });
        assertEquals("result", r);
        assertEquals(OrderReferenceState.Open, load(seller, Environment.SANDBOX, d.id()).state());
        assertEquals(List.of("ORDER_REFERENCE_NOTIFICATION " + d.id() + " Open", "EMAIL_PAYMENT_AUTHORIZED " + d.id() + " Open"),
                outboxPayloads(d.id()));
        Authorization a = store.updateOrderReference(seller.id(), Environment.SANDBOX, d.id(),
                o -> o.authorize(new AuthorizeRequest("ev-1", usd("5"), null, null, false, null), ctx(seller, T0)));
        assertEquals(2, outboxRows(d.id()), "a Pending authorization announces nothing yet");
        assertEquals(4, timerRows(d.id()), "decide and time-out timers are stored with it");
        assertEquals(Optional.of(new ReferenceUse("ev-1", ReferenceUse.Kind.AUTHORIZATION, d.id(), a.id())),
                store.referenceUse(seller.id(), Environment.SANDBOX, "ev-1"));
    }

    @Test
    void anUnknownOrderReferenceIsInvalidOrderReferenceId() {
        PaymentException e = assertThrows(PaymentException.class,
                () -> store.updateOrderReference(seller.id(), Environment.SANDBOX, "S01-0000000-0000000", o -> o));
        assertCode(ErrorCode.InvalidOrderReferenceId, e);
        assertEquals(Optional.empty(), store.orderReference(seller.id(), Environment.SANDBOX, "S01-0000000-0000000"));
    }

    @Test
    void aPaymentExceptionRollsEverythingBack() {
        String id = insertOpen(seller, Environment.SANDBOX, T0, "100", "SO-RB");
        String before = AggregateSnapshot.of(load(seller, Environment.SANDBOX, id));
        long outbox = outboxRows(id), timers = timerRows(id);
        PaymentException thrown = new PaymentException(ErrorCode.InvalidParameterValue, "changed my mind");
        PaymentException e = assertThrows(PaymentException.class, () -> store.updateOrderReference(seller.id(), Environment.SANDBOX, id, o -> {
            OrderReference.Context c = ctx(seller, T0);
            Authorization a = o.authorize(new AuthorizeRequest("rb-1", usd("10"), null, 0, true, null), c);
            o.authorize(new AuthorizeRequest("rb-2", usd("10"), null, null, false, null), c);
            o.close("closing", c);
            assertFalse(o.pendingEvents().isEmpty());
            assertNotNull(a);
            throw thrown;
        }));
        assertSame(thrown, e);
        assertEquals(before, AggregateSnapshot.of(load(seller, Environment.SANDBOX, id)));
        assertEquals(outbox, outboxRows(id), "no outbox rows");
        assertEquals(timers, timerRows(id), "no timers");
        assertEquals(Optional.empty(), store.referenceUse(seller.id(), Environment.SANDBOX, "rb-1"));
        assertEquals(Optional.empty(), store.referenceUse(seller.id(), Environment.SANDBOX, "rb-2"));
        // A rule violation raised by the aggregate itself rolls back the same way, and the store stays usable.
        PaymentException rule = assertThrows(PaymentException.class, () -> store.updateOrderReference(seller.id(), Environment.SANDBOX, id,
                o -> o.authorize(new AuthorizeRequest("rb-3", usd("1000"), null, 0, false, null), ctx(seller, T0))));
        assertCode(ErrorCode.TransactionAmountExceeded, rule);
        Authorization ok = store.updateOrderReference(seller.id(), Environment.SANDBOX, id,
                o -> o.authorize(new AuthorizeRequest("rb-1", usd("10"), null, 0, false, null), ctx(seller, T0)));
        assertEquals(AuthorizationState.Open, ok.state());
        assertEquals(1, load(seller, Environment.SANDBOX, id).authorizations().size());
    }

    @Test
    void anyOtherExceptionRollsBackToo() {
        String id = insertOpen(seller, Environment.SANDBOX, T0, "100", "SO-RB2");
        String before = AggregateSnapshot.of(load(seller, Environment.SANDBOX, id));
        long outbox = outboxRows(id);
        assertThrows(IllegalStateException.class, () -> store.updateOrderReference(seller.id(), Environment.SANDBOX, id, o -> {
            o.close(null, ctx(seller, T0));
            throw new IllegalStateException("boom");
        }));
        assertEquals(before, AggregateSnapshot.of(load(seller, Environment.SANDBOX, id)));
        assertEquals(outbox, outboxRows(id));
    }

    @Test
    void referenceIdsAreUniquePerSellerAndEnvironmentAcrossOrderReferences() {
        String first = insertOpen(seller, Environment.SANDBOX, T0, "100", "SO-R1");
        String second = insertOpen(seller, Environment.SANDBOX, T0, "100", "SO-R2");
        Authorization a = store.updateOrderReference(seller.id(), Environment.SANDBOX, first,
                o -> o.authorize(new AuthorizeRequest("shared", usd("10"), null, 0, false, null), ctx(seller, T0)));
        long outbox = outboxRows(second);
        PaymentException e = assertThrows(PaymentException.class, () -> store.updateOrderReference(seller.id(), Environment.SANDBOX, second,
                o -> o.authorize(new AuthorizeRequest("shared", usd("10"), null, 0, false, null), ctx(seller, T0))));
        assertCode(ErrorCode.DuplicateReferenceId, e);
        assertTrue(load(seller, Environment.SANDBOX, second).authorizations().isEmpty(), "the losing change is rolled back");
        assertEquals(outbox, outboxRows(second));
        assertEquals(Optional.of(new ReferenceUse("shared", ReferenceUse.Kind.AUTHORIZATION, first, a.id())),
                store.referenceUse(seller.id(), Environment.SANDBOX, "shared"));
        // Capture and refund reference ids share the same space.
        Capture c = store.updateOrderReference(seller.id(), Environment.SANDBOX, first,
                o -> o.capture(a.id(), new CaptureRequest("cap-shared", usd("10"), null, null), ctx(seller, T0)));
        assertEquals(Optional.of(new ReferenceUse("cap-shared", ReferenceUse.Kind.CAPTURE, a.id(), c.id())),
                store.referenceUse(seller.id(), Environment.SANDBOX, "cap-shared"));
        PaymentException e2 = assertThrows(PaymentException.class, () -> store.updateOrderReference(seller.id(), Environment.SANDBOX, second,
                o -> o.authorize(new AuthorizeRequest("cap-shared", usd("10"), null, 0, false, null), ctx(seller, T0))));
        assertCode(ErrorCode.DuplicateReferenceId, e2);
        // Another seller, and the same seller's live environment, have their own reference ids.
        String others = insertOpen(otherSeller, Environment.SANDBOX, T0, "100", "SO-R1");
        store.updateOrderReference(otherSeller.id(), Environment.SANDBOX, others,
                o -> o.authorize(new AuthorizeRequest("shared", usd("10"), null, 0, false, null), ctx(otherSeller, T0)));
        String live = insertOpen(seller, Environment.LIVE, T0, "100", "SO-R1");
        store.updateOrderReference(seller.id(), Environment.LIVE, live,
                o -> o.authorize(new AuthorizeRequest("shared", usd("10"), null, 0, false, null), ctx(seller, T0)));
        assertEquals(first, store.referenceUse(seller.id(), Environment.SANDBOX, "shared").orElseThrow().parentId());
        assertEquals(others, store.referenceUse(otherSeller.id(), Environment.SANDBOX, "shared").orElseThrow().parentId());
        assertEquals(live, store.referenceUse(seller.id(), Environment.LIVE, "shared").orElseThrow().parentId());
        assertEquals(Optional.empty(), store.referenceUse(otherSeller.id(), Environment.LIVE, "shared"));
    }

    // ------------------------------------------------------------------ listing

    @Test
    void listOrderReferencesFiltersSortsAndPages() {
        List<String> so1 = new ArrayList<>();
        for (int i = 0; i < 5; i++) so1.add(insertOpen(seller, Environment.SANDBOX, T0.plus(Duration.ofHours(i)), "10", "SO-1"));
        String so2 = insertOpen(seller, Environment.SANDBOX, T0.plus(Duration.ofMinutes(30)), "10", "SO-2");
        String others = insertOpen(otherSeller, Environment.SANDBOX, T0, "10", "SO-1");
        String live = insertOpen(seller, Environment.LIVE, T0, "10", "SO-1");
        store.insertOrderReference(draft(seller, Environment.SANDBOX, T0)); // a Draft without SellerOrderId
        store.updateOrderReference(seller.id(), Environment.SANDBOX, so1.get(1), o -> {
            o.cancel(null, ctx(seller, T0));
            return null;
        });
        store.updateOrderReference(seller.id(), Environment.SANDBOX, so1.get(3), o -> {
            o.close(null, ctx(seller, T0));
            return null;
        });

        assertEquals(so1, ids(query(seller, "SO-1", null, null, null, true, 0, 100)));
        assertEquals(reversed(so1), ids(query(seller, "SO-1", null, null, null, false, 0, 100)));
        assertEquals(so1.subList(0, 2), ids(query(seller, "SO-1", null, null, null, true, 0, 2)));
        assertEquals(so1.subList(2, 4), ids(query(seller, "SO-1", null, null, null, true, 2, 2)));
        assertEquals(so1.subList(4, 5), ids(query(seller, "SO-1", null, null, null, true, 4, 2)));
        assertEquals(List.of(), ids(query(seller, "SO-1", null, null, null, true, 6, 2)));
        assertEquals(List.of(so1.get(4), so1.get(3)), ids(query(seller, "SO-1", null, null, null, false, 0, 2)));
        // The time range is inclusive at both ends.
        assertEquals(so1.subList(1, 4), ids(query(seller, "SO-1", T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(3)), null, true, 0, 100)));
        assertEquals(so1.subList(2, 5), ids(query(seller, "SO-1", T0.plus(Duration.ofHours(2)), null, null, true, 0, 100)));
        assertEquals(so1.subList(0, 1), ids(query(seller, "SO-1", null, T0, null, true, 0, 100)));
        assertEquals(List.of(so1.get(1)), ids(query(seller, "SO-1", null, null, EnumSet.of(OrderReferenceState.Canceled), true, 0, 100)));
        assertEquals(List.of(so1.get(1), so1.get(3)), ids(query(seller, "SO-1", null, null,
                EnumSet.of(OrderReferenceState.Canceled, OrderReferenceState.Closed), true, 0, 100)));
        assertEquals(List.of(so1.get(0), so1.get(2), so1.get(4)), ids(query(seller, "SO-1", null, null,
                EnumSet.of(OrderReferenceState.Open), true, 0, 100)));
        assertEquals(List.of(), ids(query(seller, "SO-1", null, null, EnumSet.of(OrderReferenceState.Suspended), true, 0, 100)));
        assertEquals(so1, ids(query(seller, "SO-1", null, null, Set.of(), true, 0, 100)), "an empty state filter filters nothing");
        assertEquals(List.of(so2), ids(query(seller, "SO-2", null, null, null, true, 0, 100)));
        assertEquals(List.of(), ids(query(seller, "SO-3", null, null, null, true, 0, 100)));
        assertEquals(List.of(others), ids(query(otherSeller, "SO-1", null, null, null, true, 0, 100)));
        assertEquals(List.of(live), ids(store.listOrderReferences(new Store.ListQuery(seller.id(), Environment.LIVE, "SO-1", null, null,
                null, true, 0, 100))));
        // Listed aggregates are complete.
        OrderReference listed = query(seller, "SO-2", null, null, null, true, 0, 1).get(0);
        assertEquals(AggregateSnapshot.of(load(seller, Environment.SANDBOX, so2)), AggregateSnapshot.of(listed));
    }

    private List<OrderReference> query(Seller s, String sellerOrderId, Instant from, Instant to, Set<OrderReferenceState> states,
                                       boolean ascending, int offset, int limit) {
        return store.listOrderReferences(new Store.ListQuery(s.id(), Environment.SANDBOX, sellerOrderId, from, to, states, ascending,
                offset, limit));
    }

    private static List<String> ids(List<OrderReference> l) {
        return l.stream().map(OrderReference::id).toList();
    }

    private static List<String> reversed(List<String> l) {
        List<String> r = new ArrayList<>(l);
        java.util.Collections.reverse(r);
        return r;
    }

    // ------------------------------------------------------------------ timers

    @Test
    void dueTimersHonourEachSellersClockOffset() {
        Seller ahead = otherSeller.withClockOffsetMillis(Duration.ofHours(2).toMillis());
        store.saveSeller(ahead);
        OrderReference mine = draft(seller, Environment.SANDBOX, T0);
        OrderReference theirs = draft(ahead, Environment.SANDBOX, T0);
        store.insertOrderReference(mine);
        store.insertOrderReference(theirs);

        List<Store.DueTimer> due = store.dueTimers(null, T0.plus(Duration.ofMinutes(90)), 100);
        assertEquals(List.of(theirs.id()), due.stream().map(Store.DueTimer::orderReferenceId).toList(),
                "2 h ahead, the other seller's 3 h stale timer is due after 1.5 h of real time");
        Store.DueTimer t = due.get(0);
        assertEquals(Timer.Kind.STALE_DRAFT, t.timer().kind());
        assertEquals(T0.plus(Duration.ofHours(3)), t.timer().dueAt());
        assertEquals(ahead.id(), t.sellerId());
        assertEquals(Environment.SANDBOX, t.environment());

        assertEquals(List.of(), store.dueTimers(seller.id(), T0.plus(Duration.ofMinutes(90)), 100));
        assertEquals(2, store.dueTimers(null, T0.plus(Duration.ofHours(3)), 100).size(), "due exactly at the due time");
        assertEquals(1, store.dueTimers(null, T0.plus(Duration.ofHours(3)), 1).size(), "the limit is honoured");
        assertEquals(List.of(mine.id()), store.dueTimers(seller.id(), T0.plus(Duration.ofHours(3)), 100).stream()
                .map(Store.DueTimer::orderReferenceId).toList());
        assertEquals(List.of(), store.dueTimers(seller.id(), T0.plus(Duration.ofHours(3)).minusMillis(1), 100));

        // Moving a seller's clock makes its work due.
        store.saveSeller(seller.withClockOffsetMillis(Duration.ofDays(200).toMillis()));
        List<Store.DueTimer> all = store.dueTimers(seller.id(), T0, 100);
        assertEquals(List.of(Timer.Kind.STALE_DRAFT, Timer.Kind.EXPIRE_ORDER_REFERENCE), all.stream().map(x -> x.timer().kind()).toList(),
                "in due order");
    }

    @Test
    void firingATimerRemovesItAndAppliesTheChangeOnce() {
        OrderReference d = draft(seller, Environment.SANDBOX, T0);
        store.insertOrderReference(d);
        Store.DueTimer t = store.dueTimers(seller.id(), T0.plus(Duration.ofHours(3)), 100).get(0);
        AtomicInteger applied = new AtomicInteger();
        store.fireTimer(t, o -> {
            applied.incrementAndGet();
            o.fire(t.timer(), ctx(seller, t.timer().dueAt()));
        });
        assertEquals(1, applied.get());
        OrderReference after = load(seller, Environment.SANDBOX, d.id());
        assertEquals("Canceled", after.status().state());
        assertEquals("Stale", after.status().reasonCode());
        assertEquals(List.of("ORDER_REFERENCE_NOTIFICATION " + d.id() + " Canceled"), outboxPayloads(d.id()));
        assertEquals(List.of(), store.dueTimers(seller.id(), T0.plus(Duration.ofHours(3)), 100));
        assertEquals(1, timerRows(d.id()), "only the expiry timer is left");

        store.fireTimer(t, o -> applied.incrementAndGet());
        assertEquals(1, applied.get(), "a timer fires once");
        assertEquals(1, outboxPayloads(d.id()).size());
    }

    @Test
    void timersRecordedWhileFiringAreStored() {
        String id = insertOpen(seller, Environment.SANDBOX, T0, "100", "SO-T");
        Authorization a = store.updateOrderReference(seller.id(), Environment.SANDBOX, id,
                o -> o.authorize(new AuthorizeRequest("t-1", usd("10"), null, null, false, null), ctx(seller, T0)));
        Instant decided = T0.plusSeconds(30);
        List<Store.DueTimer> due = store.dueTimers(seller.id(), decided, 100);
        assertEquals(List.of(Timer.Kind.DECIDE_AUTHORIZATION), due.stream().map(x -> x.timer().kind()).toList());
        store.fireTimer(due.get(0), o -> o.fire(due.get(0).timer(), ctx(seller, decided)));
        assertEquals(AuthorizationState.Open, load(seller, Environment.SANDBOX, id).authorization(a.id()).orElseThrow().state());
        List<Store.DueTimer> expiry = store.dueTimers(seller.id(), decided.plus(Duration.ofDays(2)), 100);
        assertTrue(expiry.stream().anyMatch(x -> x.timer().kind() == Timer.Kind.EXPIRE_AUTHORIZATION && x.timer().targetId().equals(a.id())),
                expiry.toString());
    }

    @Test
    void aTimerWhoseChangeFailsLeavesTheAggregateUnchanged() {
        OrderReference d = draft(seller, Environment.SANDBOX, T0);
        store.insertOrderReference(d);
        String before = AggregateSnapshot.of(load(seller, Environment.SANDBOX, d.id()));
        Store.DueTimer t = store.dueTimers(seller.id(), T0.plus(Duration.ofHours(3)), 100).get(0);
        try {
            store.fireTimer(t, o -> {
                o.fire(t.timer(), ctx(seller, t.timer().dueAt()));
                throw new IllegalStateException("broken timer");
            });
        } catch (RuntimeException expectedOrSwallowed) {
            // the port may report or swallow a failing timer; it must not half-apply it
        }
        assertEquals(before, AggregateSnapshot.of(load(seller, Environment.SANDBOX, d.id())));
        assertEquals(0, outboxRows(d.id()));
    }

    // ------------------------------------------------------------------ isolation

    @Test
    void anotherSellersOrEnvironmentsObjectsAreInvisible() {
        String id = insertOpen(seller, Environment.SANDBOX, T0, "100", "SO-I");
        store.updateOrderReference(seller.id(), Environment.SANDBOX, id,
                o -> o.authorize(new AuthorizeRequest("iso-1", usd("10"), null, 0, false, null), ctx(seller, T0)));
        assertTrue(store.orderReference(seller.id(), Environment.SANDBOX, id).isPresent());
        assertEquals(Optional.empty(), store.orderReference(otherSeller.id(), Environment.SANDBOX, id));
        assertEquals(Optional.empty(), store.orderReference(seller.id(), Environment.LIVE, id));
        for (var call : List.<Runnable>of(
                () -> store.updateOrderReference(otherSeller.id(), Environment.SANDBOX, id, o -> o),
                () -> store.updateOrderReference(seller.id(), Environment.LIVE, id, o -> o))) {
            PaymentException e = assertThrows(PaymentException.class, call::run);
            assertCode(ErrorCode.InvalidOrderReferenceId, e);
        }
        assertEquals(Optional.empty(), store.referenceUse(otherSeller.id(), Environment.SANDBOX, "iso-1"));
        assertEquals(Optional.empty(), store.referenceUse(seller.id(), Environment.LIVE, "iso-1"));
        assertEquals(List.of(), query(otherSeller, "SO-I", null, null, null, true, 0, 10));
        assertEquals(List.of(), store.dueTimers(otherSeller.id(), T0.plus(Duration.ofDays(365)), 100));
        assertFalse(store.dueTimers(seller.id(), T0.plus(Duration.ofDays(365)), 100).isEmpty());
    }
}
