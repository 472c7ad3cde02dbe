package dev.offpay.store;

import dev.offpay.core.Authorization;
import dev.offpay.core.CallContext;
import dev.offpay.core.Capture;
import dev.offpay.core.CurrencyCode;
import dev.offpay.core.Environment;
import dev.offpay.core.Money;
import dev.offpay.core.OrderReference;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.PaymentException;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Refund;
import dev.offpay.core.Region;
import dev.offpay.core.Seller;
import dev.offpay.core.States;
import dev.offpay.core.Status;
import dev.offpay.core.Store;
import dev.offpay.core.TestBuyers;
import dev.offpay.core.TransitionTable;
import dev.offpay.testkit.Postgres;
import dev.offpay.testkit.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Randomized model-based test: seeded random sequences of operations and clock advances run through
 * {@link PaymentService} on a real store, and after every step the stored aggregates are compared
 * with a small independent model of states and amounts, and the money invariants are checked.
 * A failure prints the seed; {@code -Dmodel.seed=<seed>} replays exactly that sequence.
 */
class ModelBasedTest {
    static final Instant T0 = Instant.parse("2024-07-01T08:00:00Z");
    static final long MAX_TRANSACTION = 15_000_000; // cents
    static final Duration PENDING = Duration.ofSeconds(30);
    static final int MIN_SEQUENCES = 40;

    @TempDir
    Path dir;

    @Test
    void embedded() throws Exception {
        try (Store store = new SqliteStore(dir.resolve("model.db"), SqliteStore.Durability.NORMAL, OutboxRenderer.NONE)) {
            explore(store, Integer.getInteger("model.sequences", 2000), Duration.ofSeconds(Long.getLong("model.seconds", 35)));
        }
    }

    @Test
    void postgres() throws Exception {
        assumeFalse(Postgres.skipped(), "OFFPAY_SKIP_PG=true");
        try (Store store = new PostgresStore(Postgres.freshSchemaUrl(), null, null, 4, OutboxRenderer.NONE)) {
            explore(store, Integer.getInteger("model.pg.sequences", 200), Duration.ofSeconds(Long.getLong("model.pg.seconds", 15)));
        }
    }

    private void explore(Store store, int sequences, Duration budget) throws Exception {
        Long only = Long.getLong("model.seed");
        long base = Long.getLong("model.baseSeed", 0x5EED_0FF9AL);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long deadline = System.nanoTime() + budget.toNanos();
        int run = 0, steps = 0;
        try {
            for (int i = 0; i < sequences; i++) {
                long seed = only != null ? only : base + i * 7919L;
                try {
                    steps += new Sequence(store, seed, pool).run();
                } catch (Throwable t) {
                    throw new AssertionError("model-based sequence failed; replay with -Dmodel.seed=" + seed + " : " + t.getMessage(), t);
                }
                run++;
                // At least MIN_SEQUENCES always run; beyond that the time budget decides (a loaded machine runs fewer).
                if (only != null || (run >= Math.min(sequences, MIN_SEQUENCES) && System.nanoTime() > deadline)) break;
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("model-based: " + run + " sequences, " + steps + " steps");
        assertTrue(run >= 1);
    }

    // ------------------------------------------------------------------ the reference model

    static final class MOrder {
        final String id;
        final Instant created;
        String state = "Draft", reason;
        long total = -1;
        final List<MAuth> auths = new ArrayList<>();

        MOrder(String id, Instant created) {
            this.id = id;
            this.created = created;
        }
    }

    static final class MAuth {
        String state = "Pending", reason;
        final long amount;
        long captured;
        final boolean captureNow;
        final String sim;
        final List<MCap> caps = new ArrayList<>();

        MAuth(long amount, boolean captureNow, String sim) {
            this.amount = amount;
            this.captureNow = captureNow;
            this.sim = sim;
        }
    }

    static final class MCap {
        String state = "Pending", reason;
        final long amount;
        long refunded;
        final List<MRefund> refunds = new ArrayList<>();

        MCap(long amount) {
            this.amount = amount;
        }
    }

    static final class MRefund {
        String state = "Pending", reason;
        final long amount;
        final boolean declines;

        MRefund(long amount, boolean declines) {
            this.amount = amount;
            this.declines = declines;
        }
    }

    /** A model timer: what happens at {@code due}. */
    record MTimer(Instant due, long seq, Runnable action) {
    }

    static long ceiling(long base) {
        return base + Math.min(base * 15 / 100, 7_500);
    }

    static Money cents(long c) {
        return Money.ofMinor(CurrencyCode.USD, c);
    }

    // Simulation strings, as the guide prints them.
    static final String SIM_IPM = "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"InvalidPaymentMethod\", \"PaymentMethodUpdateTimeInMins\": %d}}";
    static final String SIM_IPM_STUCK = "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"InvalidPaymentMethod\"}}";
    static final String SIM_AR = "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"AmazonRejected\"}}";
    static final String SIM_TTO = "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"TransactionTimedOut\"}}";
    static final String SIM_EXPIRE = "{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"ExpiredUnused\", \"ExpirationTimeInMins\": 1}}";
    static final String SIM_CLOSED = "{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"AmazonClosed\"}}";
    static final String SIM_CAP_PENDING = "{\"SandboxSimulation\": {\"State\": \"Pending\"}}";
    static final String SIM_DECLINED_GUIDE = "{\"SandboxSimulation\": {\"State\": \"Declined\"}, {\"ReasonCode\": \"AmazonRejected\"}}";
    static final String SIM_CLOSED_GUIDE = "{\"SandboxSimulation\": {\"State\": \"Closed\"}, {\"ReasonCode\": \"AmazonClosed\"}}";

    /** One random sequence: its own seller (own clock), a few order references, many steps. */
    static final class Sequence {
        final Store store;
        final long seed;
        final Random rnd;
        final ExecutorService pool;
        final PaymentService payments;
        Seller seller;
        final List<MOrder> orders = new ArrayList<>();
        final List<MTimer> timers = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        Instant now = T0;
        long timerSeq;
        int refs;

        Sequence(Store store, long seed, ExecutorService pool) {
            this.store = store;
            this.seed = seed;
            this.rnd = new Random(seed);
            this.pool = pool;
            this.payments = new PaymentService(store, new SettableClock(T0), new Random(seed ^ 0x9E3779B97F4A7C15L), PENDING, PENDING);
            this.seller = Seller.create("M" + Long.toHexString(seed), "AK" + Long.toHexString(seed), "s", Region.US, "Model Store");
            store.saveSeller(seller);
        }

        CallContext call() {
            return new CallContext(seller, Environment.SANDBOX);
        }

        void schedule(Instant due, Runnable r) {
            timers.add(new MTimer(due, timerSeq++, r));
        }

        int run() {
            int n = 10 + rnd.nextInt(30);
            newOrder();
            for (int step = 0; step < n; step++) {
                String what = "?";
                try {
                    what = step();
                    log.add(what);
                    check();
                } catch (AssertionError e) {
                    throw new AssertionError("at step " + step + " (" + what + "): " + e.getMessage() + "\n  steps so far: "
                            + String.join("\n    ", log), e);
                }
            }
            return n;
        }

        // ---------------------------------------------------------- steps

        String step() {
            int p = rnd.nextInt(100);
            if (orders.size() < 3 && p < 6) return newOrder();
            MOrder o = orders.get(rnd.nextInt(orders.size()));
            if (p < 14) return setDetails(o);
            if (p < 22) return confirm(o);
            if (p < 45) return authorize(o);
            if (p < 60) return capture(o);
            if (p < 72) return refund(o);
            if (p < 76) return closeAuthorization(o);
            if (p < 79) return cancel(o);
            if (p < 82) return close(o);
            if (p < 93) return advance();
            return concurrently();
        }

        String newOrder() {
            OrderReference d = payments.createDraft(call(), new PaymentService.DraftOptions(TestBuyers.defaultBuyer(Region.US), null, true,
                    null, true, true));
            MOrder m = new MOrder(d.id(), now);
            orders.add(m);
            schedule(now.plus(Duration.ofHours(3)), () -> {
                if (m.state.equals("Draft")) set(m, "Canceled", "Stale");
            });
            schedule(now.plus(Duration.ofDays(180)), () -> {
                if (m.state.equals("Open") || m.state.equals("Suspended")) set(m, "Closed", "Expired");
            });
            return "new " + d.id();
        }

        static void set(MOrder o, String state, String reason) {
            o.state = state;
            o.reason = reason;
        }

        OrderReference real(MOrder o) {
            return payments.getOrderReference(call(), o.id);
        }

        /** Runs the real call and checks it failed exactly when and how the model says. */
        <T> T expect(String expectedError, Supplier<T> call) {
            try {
                T result = call.get();
                if (expectedError != null) throw new AssertionError("expected " + expectedError + " but the call succeeded");
                return result;
            } catch (PaymentException e) {
                if (!e.code().name().equals(expectedError)) {
                    throw new AssertionError("expected " + (expectedError == null ? "success" : expectedError) + " but got "
                            + e.code() + ": " + e.getMessage());
                }
                return null;
            }
        }

        String setDetails(MOrder o) {
            long total = rnd.nextInt(10) == 0 ? 50_000 + rnd.nextInt(200_000) : 100 + rnd.nextInt(100_000);
            String err = o.state.equals("Draft") ? null : "OrderReferenceNotModifiable";
            expect(err, () -> payments.setOrderReferenceDetails(call(), o.id, new OrderReference.Attributes(cents(total), null, null,
                    "model", null, null, null, null, null, null, null)));
            if (err == null) o.total = total;
            return "setDetails " + o.id + " " + total + " -> " + err;
        }

        String confirm(MOrder o) {
            String err = switch (o.state) {
                case "Open" -> null;
                // Only a new method chosen in the Wallet widget lets Confirm reopen a Suspended order;
                // this model never chooses one.
                case "Suspended" -> "PaymentMethodNotUpdated";
                case "Draft" -> o.total < 0 ? "ConstraintsExist" : null;
                default -> "InvalidOrderReferenceStatus";
            };
            expect(err, () -> payments.confirm(call(), o.id, false));
            if (err == null && o.state.equals("Draft")) set(o, "Open", null);
            return "confirm " + o.id + " -> " + err;
        }

        long charged(MOrder o) {
            long c = 0;
            for (MAuth a : o.auths) for (MCap k : a.caps) if (!k.state.equals("Declined")) c += k.amount;
            return c;
        }

        String authorize(MOrder o) {
            long ceiling = o.total < 0 ? 10_000 : ceiling(o.total);
            long amount = switch (rnd.nextInt(10)) {
                case 0 -> MAX_TRANSACTION + 1;
                case 1 -> ceiling + 1 + rnd.nextInt(1000);
                case 2, 3 -> Math.max(1, ceiling);
                default -> 1 + rnd.nextInt((int) Math.max(1, ceiling / 2));
            };
            boolean sync = rnd.nextBoolean();
            boolean captureNow = rnd.nextInt(4) == 0;
            String sim = switch (rnd.nextInt(14)) {
                case 0 -> String.format(SIM_IPM, 1 + rnd.nextInt(240));
                case 1 -> SIM_IPM_STUCK;
                case 2 -> SIM_AR;
                case 3 -> SIM_TTO;
                case 4 -> SIM_EXPIRE;
                case 5 -> SIM_CLOSED;
                default -> null;
            };
            String err;
            long committed = charged(o);
            for (MAuth a : o.auths) if (a.state.equals("Pending") || a.state.equals("Open")) committed += a.amount;
            if (!o.state.equals("Open")) err = "InvalidOrderReferenceStatus";
            else if (amount > MAX_TRANSACTION) err = "TransactionAmountExceeded";
            else if (o.auths.size() >= 10) err = "TransactionCountExceeded";
            else if (committed + amount > ceiling(o.total)) err = "TransactionAmountExceeded";
            else err = null;
            String ref = "A" + (++refs);
            expect(err, () -> payments.authorize(call(), o.id, new OrderReference.AuthorizeRequest(ref, cents(amount), sim,
                    sync ? 0 : null, captureNow, null)));
            if (err == null) {
                MAuth a = new MAuth(amount, captureNow, sim);
                o.auths.add(a);
                if (sync) {
                    decide(o, a);
                } else {
                    schedule(now.plus(PENDING), () -> {
                        if (a.state.equals("Pending")) decide(o, a);
                    });
                    schedule(now.plus(Duration.ofMinutes(1440)), () -> {
                        if (a.state.equals("Pending")) setA(a, "Declined", "TransactionTimedOut");
                    });
                }
                // A replay with the same parameters answers the same authorization and changes nothing.
                if (rnd.nextInt(8) == 0) {
                    Authorization again = payments.authorize(call(), o.id, new OrderReference.AuthorizeRequest(ref, cents(amount), sim,
                            sync ? 0 : null, captureNow, null));
                    if (again.amount().minor() != amount) throw new AssertionError("replay answered another authorization");
                }
            }
            return "authorize " + o.id + " " + amount + (sync ? " sync" : " async") + (captureNow ? " captureNow" : "") + " "
                    + simName(sim) + " -> " + err;
        }

        static String simName(String sim) {
            if (sim == null) return "";
            int i = sim.indexOf("ReasonCode");
            return i < 0 ? sim.replaceAll("[^A-Za-z]", "") : sim.substring(i + 14).replaceAll("[^A-Za-z].*", "");
        }

        static void setA(MAuth a, String state, String reason) {
            a.state = state;
            a.reason = reason;
        }

        /** The sandbox decision of an authorization (simulation first, else approval). */
        void decide(MOrder o, MAuth a) {
            String sim = a.sim;
            if (sim == SIM_AR) {
                setA(a, "Declined", "AmazonRejected");
                if (o.state.equals("Open") || o.state.equals("Suspended")) set(o, "Closed", "AmazonClosed");
            } else if (sim == SIM_TTO) {
                setA(a, "Declined", "TransactionTimedOut");
            } else if (sim == SIM_IPM_STUCK || (sim != null && sim.contains("PaymentMethodUpdateTimeInMins"))) {
                setA(a, "Declined", "InvalidPaymentMethod");
                if (o.state.equals("Open")) {
                    set(o, "Suspended", "InvalidPaymentMethod");
                    if (sim != SIM_IPM_STUCK) {
                        int mins = Integer.parseInt(sim.replaceAll(".*InMins\": (\\d+).*", "$1"));
                        schedule(now.plus(Duration.ofMinutes(mins)), () -> {
                            if (o.state.equals("Suspended")) set(o, "Open", null);
                        });
                    }
                }
            } else {
                setA(a, "Open", null);
                if (sim == SIM_CLOSED) {
                    setA(a, "Closed", "AmazonClosed");
                    return;
                }
                schedule(now.plus(sim == SIM_EXPIRE ? Duration.ofMinutes(1) : Duration.ofDays(2)), () -> {
                    if (a.state.equals("Open")) setA(a, "Closed", "ExpiredUnused");
                });
                if (a.captureNow) {
                    MCap c = new MCap(a.amount);
                    a.caps.add(c);
                    setA(a, "Closed", "MaxCapturesProcessed");
                    complete(o, a, c, false);
                }
            }
        }

        void complete(MOrder o, MAuth a, MCap c, boolean amazonClosed) {
            c.state = "Completed";
            a.captured = c.amount;
            if (amazonClosed) {
                c.state = "Closed";
                c.reason = "AmazonClosed";
            }
            if (!o.state.equals("Open") && !o.state.equals("Suspended")) return;
            if (charged(o) >= ceiling(o.total)) {
                set(o, "Closed", "MaxAmountCharged");
                return;
            }
            long capturedAuths = o.auths.stream().filter(x -> x.caps.stream().anyMatch(k -> k.state.equals("Completed")
                    || k.state.equals("Closed"))).count();
            if (capturedAuths >= 10) set(o, "Closed", "MaxAuthorizationsCaptured");
        }

        String capture(MOrder o) {
            if (o.auths.isEmpty()) return authorize(o);
            int i = rnd.nextInt(o.auths.size());
            MAuth a = o.auths.get(i);
            long amount = rnd.nextInt(5) == 0 ? a.amount + 1 + rnd.nextInt(100) : 1 + (long) (rnd.nextDouble() * a.amount);
            String sim = switch (rnd.nextInt(10)) {
                case 0 -> SIM_CAP_PENDING;
                case 1 -> SIM_DECLINED_GUIDE;
                case 2 -> SIM_CLOSED_GUIDE;
                default -> null;
            };
            String err;
            if (!a.state.equals("Open")) err = "InvalidAuthorizationStatus";
            else if (amount > a.amount) err = "TransactionAmountExceeded";
            else if (charged(o) + amount > ceiling(o.total)) err = "TransactionAmountExceeded";
            else err = null;
            String authId = real(o).authorizations().get(i).id();
            expect(err, () -> payments.capture(call(), authId, new OrderReference.CaptureRequest("C" + (++refs), cents(amount), sim, null)));
            if (err == null) {
                MCap c = new MCap(amount);
                a.caps.add(c);
                setA(a, "Closed", "MaxCapturesProcessed");
                if (sim == SIM_CAP_PENDING) {
                    schedule(now.plus(PENDING), () -> {
                        if (c.state.equals("Pending")) complete(o, a, c, false);
                    });
                } else if (sim == SIM_DECLINED_GUIDE) {
                    c.state = "Declined";
                    c.reason = "AmazonRejected";
                } else {
                    complete(o, a, c, sim == SIM_CLOSED_GUIDE);
                }
            }
            return "capture " + o.id + "#" + i + " " + amount + " " + simName(sim) + " -> " + err;
        }

        String refund(MOrder o) {
            List<int[]> caps = new ArrayList<>();
            for (int i = 0; i < o.auths.size(); i++) if (!o.auths.get(i).caps.isEmpty()) caps.add(new int[]{i});
            if (caps.isEmpty()) return capture(o);
            int i = caps.get(rnd.nextInt(caps.size()))[0];
            MCap c = o.auths.get(i).caps.get(0);
            long amount = rnd.nextInt(6) == 0 ? ceiling(c.amount) + 1 : 1 + (long) (rnd.nextDouble() * Math.max(1, c.amount * 0.6));
            boolean declines = rnd.nextInt(8) == 0;
            long live = c.refunds.stream().filter(r -> !r.state.equals("Declined")).count();
            long pending = c.refunds.stream().filter(r -> !r.state.equals("Declined")).mapToLong(r -> r.amount).sum();
            String err;
            if (!c.state.equals("Completed")) err = "CaptureNotRefundable";
            else if (amount > MAX_TRANSACTION) err = "TransactionAmountExceeded";
            else if (live >= 10) err = "TransactionCountExceeded";
            else if (pending + amount > ceiling(c.amount)) err = "TransactionAmountExceeded";
            else err = null;
            String captureId = real(o).authorizations().get(i).captures().get(0).id();
            expect(err, () -> payments.refund(call(), captureId, new OrderReference.RefundRequest("R" + (++refs), cents(amount),
                    declines ? SIM_DECLINED_GUIDE : null, null)));
            if (err == null) {
                MRefund r = new MRefund(amount, declines);
                c.refunds.add(r);
                schedule(now.plus(PENDING), () -> {
                    if (!r.state.equals("Pending")) return;
                    if (r.declines) {
                        r.state = "Declined";
                        r.reason = "AmazonRejected";
                        return;
                    }
                    r.state = "Completed";
                    c.refunded += r.amount;
                    if (c.state.equals("Completed")) {
                        if (c.refunded >= ceiling(c.amount)) {
                            c.state = "Closed";
                            c.reason = "MaxAmountRefunded";
                        } else if (c.refunds.stream().filter(x -> x.state.equals("Completed")).count() >= 10) {
                            c.state = "Closed";
                            c.reason = "MaxRefundsProcessed";
                        }
                    }
                });
            }
            return "refund " + o.id + "#" + i + " " + amount + (declines ? " declines" : "") + " -> " + err;
        }

        String closeAuthorization(MOrder o) {
            if (o.auths.isEmpty()) return confirm(o);
            int i = rnd.nextInt(o.auths.size());
            MAuth a = o.auths.get(i);
            String err;
            if (a.state.equals("Closed") && "SellerClosed".equals(a.reason)) err = null;
            else if (a.state.equals("Pending") || a.state.equals("Open")) err = null;
            else err = "InvalidAuthorizationStatus";
            String authId = real(o).authorizations().get(i).id();
            expect(err, () -> payments.closeAuthorization(call(), authId, "closing"));
            if (err == null) setA(a, "Closed", "SellerClosed");
            return "closeAuthorization " + o.id + "#" + i + " -> " + err;
        }

        String cancel(MOrder o) {
            String err;
            boolean charged = o.auths.stream().anyMatch(a -> a.caps.stream().anyMatch(c -> !c.state.equals("Declined")));
            if (o.state.equals("Canceled") && "SellerCanceled".equals(o.reason)) err = null;
            else if (!o.state.equals("Draft") && !o.state.equals("Open") && !o.state.equals("Suspended")) err = "InvalidOrderReferenceStatus";
            else if (charged) err = "InvalidCancelAttempt";
            else err = null;
            boolean noop = o.state.equals("Canceled");
            expect(err, () -> payments.cancel(call(), o.id, "cancel"));
            if (err == null && !noop) {
                set(o, "Canceled", "SellerCanceled");
                for (MAuth a : o.auths) if (a.state.equals("Pending") || a.state.equals("Open")) setA(a, "Closed", "OrderReferenceCanceled");
            }
            return "cancel " + o.id + " -> " + err;
        }

        String close(MOrder o) {
            boolean amazon = rnd.nextInt(4) == 0;
            String err;
            if (o.state.equals("Closed")) err = null;
            else if (!o.state.equals("Open") && !o.state.equals("Suspended")) err = "InvalidOrderReferenceStatus";
            else err = null;
            boolean noop = o.state.equals("Closed");
            expect(err, () -> payments.close(call(), o.id, amazon ? SIM_CLOSED : "done"));
            if (err == null && !noop) set(o, "Closed", amazon ? "AmazonClosed" : "SellerClosed");
            return "close " + o.id + (amazon ? " AmazonClosed" : "") + " -> " + err;
        }

        static final Duration[] STEPS = {Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofHours(1), Duration.ofHours(3), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(30), Duration.ofDays(200)};

        String advance() {
            Duration by = STEPS[rnd.nextInt(STEPS.length)];
            Instant target = now.plus(by);
            // The model fires its timers in due order (ties: in the order they were scheduled; the
            // store breaks ties arbitrarily, which the model's rules make irrelevant).
            while (true) {
                MTimer next = timers.stream().filter(t -> !t.due().isAfter(target))
                        .min(Comparator.comparing(MTimer::due).thenComparingLong(MTimer::seq)).orElse(null);
                if (next == null) break;
                timers.remove(next);
                now = next.due();
                next.action().run();
            }
            now = target;
            Instant realNow = payments.advanceClock(seller, by);
            seller = store.sellerById(seller.id()).orElseThrow();
            if (!realNow.equals(now)) throw new AssertionError("seller clock " + realNow + ", model " + now);
            return "advance " + by;
        }

        /** Two operations on different order references at the same moment: both apply, in either order. */
        String concurrently() {
            if (orders.size() < 2) return newOrder();
            List<Integer> idx = new ArrayList<>(List.of(0, 1, 2).subList(0, orders.size()));
            java.util.Collections.shuffle(idx, rnd);
            MOrder a = orders.get(idx.get(0)), b = orders.get(idx.get(1));
            // Draw both operations (and their expectations) first, then run the real calls together.
            List<Supplier<String>> planned = new ArrayList<>();
            for (MOrder o : List.of(a, b)) {
                long amount = 1 + rnd.nextInt(5_000);
                String ref = "X" + (++refs);
                String err;
                long committed = charged(o);
                for (MAuth x : o.auths) if (x.state.equals("Pending") || x.state.equals("Open")) committed += x.amount;
                if (!o.state.equals("Open")) err = "InvalidOrderReferenceStatus";
                else if (o.auths.size() >= 10) err = "TransactionCountExceeded";
                else if (committed + amount > ceiling(o.total)) err = "TransactionAmountExceeded";
                else err = null;
                CallContext call = call();
                planned.add(() -> {
                    expect(err, () -> payments.authorize(call, o.id, new OrderReference.AuthorizeRequest(ref, cents(amount), null, 0, false, null)));
                    return err;
                });
                if (err == null) {
                    MAuth m = new MAuth(amount, false, null);
                    o.auths.add(m);
                    decide(o, m);
                }
            }
            CompletableFuture<String> f1 = CompletableFuture.supplyAsync(planned.get(0), pool);
            CompletableFuture<String> f2 = CompletableFuture.supplyAsync(planned.get(1), pool);
            try {
                return "concurrently authorize " + a.id + " -> " + f1.join() + ", " + b.id + " -> " + f2.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof AssertionError ae ? ae : new AssertionError(e.getCause());
            }
        }

        // ---------------------------------------------------------- comparison and invariants

        void check() {
            for (MOrder m : orders) {
                OrderReference r = real(m);
                compare(m, r);
                invariants(r);
            }
        }

        static void eq(Object expected, Object actual, String what) {
            if (!Objects.equals(expected, actual)) throw new AssertionError(what + ": model " + expected + ", store " + actual);
        }

        static void status(String state, String reason, Status s, String what) {
            eq(state + "/" + reason, s.state() + "/" + s.reasonCode(), what);
        }

        void compare(MOrder m, OrderReference r) {
            status(m.state, m.reason, r.status(), m.id);
            if (m.total >= 0) eq(cents(m.total), r.orderTotal(), m.id + " total");
            eq(m.auths.size(), r.authorizations().size(), m.id + " authorizations");
            for (int i = 0; i < m.auths.size(); i++) {
                MAuth ma = m.auths.get(i);
                Authorization a = r.authorizations().get(i);
                String w = a.id();
                status(ma.state, ma.reason, a.status(), w);
                eq(cents(ma.amount), a.amount(), w + " amount");
                eq(cents(ma.captured), a.capturedAmount(), w + " captured");
                eq(ma.caps.size(), a.captures().size(), w + " captures");
                for (int j = 0; j < ma.caps.size(); j++) {
                    MCap mc = ma.caps.get(j);
                    Capture c = a.captures().get(j);
                    status(mc.state, mc.reason, c.status(), c.id());
                    eq(cents(mc.amount), c.amount(), c.id() + " amount");
                    eq(cents(mc.refunded), c.refundedAmount(), c.id() + " refunded");
                    eq(mc.refunds.size(), c.refunds().size(), c.id() + " refunds");
                    for (int k = 0; k < mc.refunds.size(); k++) {
                        MRefund mr = mc.refunds.get(k);
                        Refund rf = c.refunds().get(k);
                        status(mr.state, mr.reason, rf.status(), rf.id());
                        eq(cents(mr.amount), rf.amount(), rf.id() + " amount");
                    }
                }
            }
        }

        /** Money and count rules that must hold whatever happened, checked on the stored aggregate alone. */
        static void invariants(OrderReference r) {
            legal(States.ORDER_REFERENCE, "Draft", r.status(), r.id());
            if (r.orderTotal() == null) {
                if (!r.authorizations().isEmpty()) throw new AssertionError(r.id() + " has authorizations without a total");
                return;
            }
            long ceiling = ceiling(r.orderTotal().minor());
            if (r.authorizations().size() > 10) throw new AssertionError(r.id() + " has " + r.authorizations().size() + " authorizations");
            long charged = 0;
            for (Authorization a : r.authorizations()) {
                legal(States.AUTHORIZATION, "Pending", a.status(), a.id());
                nonNegative(a.amount(), a.id());
                nonNegative(a.capturedAmount(), a.id());
                if (a.capturedAmount().greaterThan(a.amount())) throw new AssertionError(a.id() + " captured more than authorized");
                if (a.captures().size() > 1) throw new AssertionError(a.id() + " has more than one capture");
                for (Capture c : a.captures()) {
                    legal(States.CAPTURE, "Pending", c.status(), c.id());
                    nonNegative(c.amount(), c.id());
                    nonNegative(c.refundedAmount(), c.id());
                    if (c.amount().greaterThan(a.amount())) throw new AssertionError(c.id() + " captures more than its authorization");
                    if (!c.state().name().equals("Declined")) charged += c.amount().minor();
                    long refunds = 0, live = 0, completed = 0;
                    for (Refund f : c.refunds()) {
                        legal(States.REFUND, "Pending", f.status(), f.id());
                        nonNegative(f.amount(), f.id());
                        if (!f.state().name().equals("Declined")) {
                            refunds += f.amount().minor();
                            live++;
                        }
                        if (f.state().name().equals("Completed")) completed += f.amount().minor();
                    }
                    if (refunds > ceiling(c.amount().minor())) throw new AssertionError(c.id() + " refunds " + refunds + " above the ceiling");
                    if (live > 10) throw new AssertionError(c.id() + " has " + live + " refunds");
                    if (completed != c.refundedAmount().minor()) throw new AssertionError(c.id() + " refunded amount disagrees with its refunds");
                }
            }
            if (charged > ceiling) throw new AssertionError(r.id() + " charged " + charged + " above the ceiling " + ceiling);
            if (charged != r.chargedAmount().minor()) throw new AssertionError(r.id() + " charged amount disagrees with its captures");
        }

        static void nonNegative(Money m, String what) {
            if (m.minor() < 0) throw new AssertionError(what + " has a negative amount " + m);
        }

        /** The (state, reason) pair is the initial state or the target of some rule of the table. */
        static <S extends Enum<S>, E extends Enum<E>> void legal(TransitionTable<S, E> table, String initial, Status s, String what) {
            Set<String> ok = new HashSet<>();
            ok.add(initial + "/null");
            for (var line : table.lines()) ok.add(line.to().name() + "/" + line.reason());
            if (!ok.contains(s.state() + "/" + s.reasonCode())) throw new AssertionError(what + " is in no legal state: " + s);
        }
    }
}
