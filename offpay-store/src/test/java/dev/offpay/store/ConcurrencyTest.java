package dev.offpay.store;

import dev.offpay.core.Authorization;
import dev.offpay.core.CallContext;
import dev.offpay.core.Capture;
import dev.offpay.core.CurrencyCode;
import dev.offpay.core.Environment;
import dev.offpay.core.ErrorCode;
import dev.offpay.core.Money;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentException;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Refund;
import dev.offpay.core.Region;
import dev.offpay.core.Seller;
import dev.offpay.core.States.AuthorizationState;
import dev.offpay.core.States.CaptureState;
import dev.offpay.core.States.RefundState;
import dev.offpay.core.Store;
import dev.offpay.core.TestBuyers;
import dev.offpay.testkit.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Races through {@link PaymentService} on a real database: the same rules must hold when requests
 * arrive at the same moment (one API call = one transaction on a locked aggregate). Subclasses say
 * which database.
 */
abstract class ConcurrencyTest {
    static final Instant T0 = Instant.parse("2024-06-01T09:00:00Z");
    static final int ROUNDS = 50;

    /** A new store over an empty database. */
    protected abstract Store newStore();

    Store store;
    SettableClock clock;
    PaymentService payments;
    Seller seller;
    CallContext call;
    ExecutorService pool;
    int refs;

    @BeforeEach
    void start() {
        store = newStore();
        clock = new SettableClock(T0);
        payments = new PaymentService(store, clock, new Random(11), Duration.ofSeconds(30), Duration.ofSeconds(30));
        seller = Seller.create("A1RACE", "AKIARACE", "secret", Region.US, "Race Store");
        store.saveSeller(seller);
        call = new CallContext(seller, Environment.SANDBOX);
        pool = Executors.newFixedThreadPool(12);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (store != null) store.close();
    }

    static Money usd(String s) {
        return Money.parse(CurrencyCode.USD, s);
    }

    String openOrder(String total) {
        OrderReference d = payments.createDraft(call, new PaymentService.DraftOptions(TestBuyers.defaultBuyer(Region.US), null, true,
                null, true, true));
        payments.setOrderReferenceDetails(call, d.id(), new OrderReference.Attributes(usd(total), null, null, "race", null, null, null,
                null, null, null, null));
        payments.confirm(call, d.id(), false);
        return d.id();
    }

    Authorization authorizeSync(String oroId, String amount) {
        return payments.authorize(call, oroId, new OrderReference.AuthorizeRequest("a" + (++refs), usd(amount), null, 0, false, null));
    }

    /** The outcome of one racing call: its result or its documented error. */
    record Outcome<T>(T value, PaymentException error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Runs n calls released at the same moment by a barrier. */
    <T> List<Outcome<T>> race(int n, IntFunction<Callable<T>> task) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(n);
        List<Future<Outcome<T>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<T> c = task.apply(i);
            futures.add(pool.submit(() -> {
                barrier.await(20, TimeUnit.SECONDS);
                try {
                    return new Outcome<>(c.call(), null);
                } catch (PaymentException e) {
                    return new Outcome<T>(null, e);
                }
            }));
        }
        List<Outcome<T>> out = new ArrayList<>();
        for (Future<Outcome<T>> f : futures) out.add(f.get(60, TimeUnit.SECONDS));
        return out;
    }

    static <T> long successes(List<Outcome<T>> l) {
        return l.stream().filter(Outcome::ok).count();
    }

    static <T> void assertErrors(List<Outcome<T>> l, ErrorCode... allowed) {
        for (Outcome<T> o : l) {
            if (o.ok()) continue;
            if (!List.of(allowed).contains(o.error().code())) fail("unexpected " + o.error().code() + ": " + o.error().getMessage());
        }
    }

    @Test
    void twoCapturesOfOneAuthorizationOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String oro = openOrder("100");
            Authorization a = authorizeSync(oro, "100");
            int r = round;
            List<Outcome<Capture>> out = race(2, t -> () -> payments.capture(call, a.id(),
                    new OrderReference.CaptureRequest("cap-" + r + "-" + t, usd(t == 0 ? "100" : "60"), null, null)));
            assertEquals(1, successes(out), "round " + r + ": " + out);
            assertErrors(out, ErrorCode.InvalidAuthorizationStatus);
            Authorization stored = payments.getAuthorization(call, a.id());
            assertEquals(1, stored.captures().size());
            assertEquals(out.stream().filter(Outcome::ok).findFirst().orElseThrow().value().id(), stored.captures().get(0).id());
            assertEquals(stored.captures().get(0).amount(), stored.capturedAmount());
        }
    }

    @Test
    void anIdenticalReplayRacingTheCaptureGetsTheSameCapture() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String oro = openOrder("100");
            Authorization a = authorizeSync(oro, "100");
            String ref = "same-" + round;
            List<Outcome<Capture>> out = race(2, t -> () -> payments.capture(call, a.id(),
                    new OrderReference.CaptureRequest(ref, usd("100"), "note", null)));
            assertEquals(2, successes(out), out.toString());
            assertEquals(out.get(0).value().id(), out.get(1).value().id());
            assertEquals(1, payments.getAuthorization(call, a.id()).captures().size());
        }
    }

    @Test
    void concurrentRefundsNeverPassTheRefundCeiling() throws Exception {
        for (int round = 0; round < 10; round++) {
            String oro = openOrder("100");
            Authorization a = authorizeSync(oro, "100");
            Capture c = payments.capture(call, a.id(), new OrderReference.CaptureRequest("rc-" + round, usd("100"), null, null));
            int r = round;
            List<Outcome<Refund>> out = race(8, t -> () -> payments.refund(call, c.id(),
                    new OrderReference.RefundRequest("rr-" + r + "-" + t, usd("20"), null, null)));
            assertErrors(out, ErrorCode.TransactionAmountExceeded);
            assertEquals(5, successes(out), "115 allows five refunds of 20: " + out);
            Capture stored = payments.getCapture(call, c.id());
            Money pending = Money.zero(CurrencyCode.USD);
            for (Refund x : stored.refunds()) if (x.state() != RefundState.Declined) pending = pending.plus(x.amount());
            assertEquals(usd("100"), pending);
            assertTrue(!pending.greaterThan(usd("115")));
        }
    }

    @Test
    void concurrentRefundsNeverPassTenRefunds() throws Exception {
        String oro = openOrder("100");
        Authorization a = authorizeSync(oro, "100");
        Capture c = payments.capture(call, a.id(), new OrderReference.CaptureRequest("rc-n", usd("100"), null, null));
        List<Outcome<Refund>> out = race(12, t -> () -> payments.refund(call, c.id(),
                new OrderReference.RefundRequest("rn-" + t, usd("1"), null, null)));
        assertErrors(out, ErrorCode.TransactionCountExceeded);
        assertEquals(10, successes(out));
        assertEquals(10, payments.getCapture(call, c.id()).refunds().size());
    }

    @Test
    void concurrentAuthorizationsNeverPassTheOrderCeiling() throws Exception {
        for (int round = 0; round < 10; round++) {
            String oro = openOrder("100");
            int r = round;
            List<Outcome<Authorization>> out = race(8, t -> () -> payments.authorize(call, oro,
                    new OrderReference.AuthorizeRequest("ac-" + r + "-" + t, usd("30"), null, t % 2 == 0 ? 0 : null, t == 0, null)));
            assertErrors(out, ErrorCode.TransactionAmountExceeded);
            assertEquals(3, successes(out), "115 holds three authorizations of 30: " + out);
            Money held = Money.zero(CurrencyCode.USD);
            for (Authorization x : payments.getOrderReference(call, oro).authorizations()) {
                if (x.state() == AuthorizationState.Pending || x.state() == AuthorizationState.Open) held = held.plus(x.amount());
                for (Capture cap : x.captures()) if (cap.state() != CaptureState.Declined) held = held.plus(cap.amount());
            }
            assertEquals(usd("90"), held);
        }
    }

    @Test
    void concurrentAuthorizationsNeverPassTen() throws Exception {
        String oro = openOrder("1000");
        List<Outcome<Authorization>> out = race(12, t -> () -> payments.authorize(call, oro,
                new OrderReference.AuthorizeRequest("cnt-" + t, usd("1"), null, 0, false, null)));
        assertErrors(out, ErrorCode.TransactionCountExceeded);
        assertEquals(10, successes(out));
        assertEquals(10, payments.getOrderReference(call, oro).authorizations().size());
    }

    @Test
    void oneAuthorizationReferenceIdOnTwoOrdersOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String first = openOrder("100");
            String second = openOrder("100");
            String ref = "dup-" + round;
            List<Outcome<Authorization>> out = race(2, t -> () -> payments.authorize(call, t == 0 ? first : second,
                    new OrderReference.AuthorizeRequest(ref, usd("10"), null, 0, false, null)));
            assertEquals(1, successes(out), "round " + round + ": " + out);
            assertErrors(out, ErrorCode.DuplicateReferenceId);
            int total = payments.getOrderReference(call, first).authorizations().size()
                    + payments.getOrderReference(call, second).authorizations().size();
            assertEquals(1, total, "the loser's change was rolled back");
            String winner = out.get(0).ok() ? first : second;
            assertEquals(winner, store.referenceUse(seller.id(), Environment.SANDBOX, ref).orElseThrow().parentId());
        }
    }
}
