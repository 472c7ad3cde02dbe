package dev.offpay.core;

import dev.offpay.core.DomainEvent.Type;
import dev.offpay.core.OrderReference.Attributes;
import dev.offpay.core.OrderReference.AuthorizeRequest;
import dev.offpay.core.OrderReference.CaptureRequest;
import dev.offpay.core.OrderReference.Context;
import dev.offpay.core.OrderReference.RefundRequest;
import dev.offpay.core.States.AuthorizationState;
import dev.offpay.core.States.CaptureState;
import dev.offpay.core.States.OrderReferenceState;
import dev.offpay.core.States.RefundState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle rules of spec §5, §7, §8 and §12, applied to the aggregate directly. A small
 * scheduler here fires the timers the aggregate records, in due order, at their due time.
 */
class OrderReferenceTest {
    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    static final String SANDBOX_ID = "S01-1234567-7654321";
    static final String LIVE_ID = "P01-1234567-7654321";
    static final Duration PENDING = Duration.ofSeconds(30);
    static final String IPM = "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"InvalidPaymentMethod\", \"PaymentMethodUpdateTimeInMins\": 5}}";
    static final String AMAZON_REJECTED = "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"AmazonRejected\"}}";
    static final String TIMED_OUT = "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"TransactionTimedOut\"}}";
    static final String EXPIRED_UNUSED = "{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"ExpiredUnused\", \"ExpirationTimeInMins\": 1}}";
    static final String AMAZON_CLOSED = "{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"AmazonClosed\"}}";
    static final String CAPTURE_PENDING = "{\"SandboxSimulation\": {\"State\": \"Pending\"}}";
    static final String GUIDE_REJECTED = "{\"SandboxSimulation\": {\"State\": \"Declined\"}, {\"ReasonCode\": \"AmazonRejected\"}}";
    static final String GUIDE_CLOSED = "{\"SandboxSimulation\": {\"State\": \"Closed\"}, {\"ReasonCode\": \"AmazonClosed\"}}";
    static final String CONSTRAINT = "{\"SandboxSimulation\": {\"Constraint\": \"PaymentMethodNotAllowed\"}}";

    final Seller seller = Seller.create("A1SELLERUS", "AKIAUS", "secret", Region.US, "Offpay Test Store Seattle");
    final TestBuyer buyer = TestBuyers.defaultBuyer(Region.US);
    final Random random = new Random(20240301);
    Processor processor = new SandboxProcessor();
    Duration pendingDelay = PENDING;
    Instant now = T0;
    OrderReference oro;
    final List<DomainEvent> events = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();
    final List<ReferenceUse> references = new ArrayList<>();
    int refs;

    // ------------------------------------------------------------------ harness

    Context ctx() {
        return new Context(now, seller, processor, pendingDelay, random);
    }

    static Money usd(String s) {
        return Money.parse(CurrencyCode.USD, s);
    }

    PaymentInstrument instrument(String tail) {
        return buyer.instrumentByTail(tail).orElseThrow();
    }

    OrderReference draft(String id, Environment env, Address address, PaymentInstrument instrument, boolean addressRequired) {
        oro = OrderReference.createDraft(id, seller, env, now, buyer.email(), buyer.asBuyer(), address, instrument, addressRequired,
                buyer.hasDirectDebit(), buyer.billingAddress());
        collect();
        return oro;
    }

    OrderReference draft() {
        return draft(SANDBOX_ID, Environment.SANDBOX, buyer.addresses().get(0), buyer.instruments().get(0), true);
    }

    /** A confirmed order reference of this total; events so far are forgotten. */
    OrderReference open(String total) {
        draft();
        run(c -> { oro.setOrderReferenceDetails(details(total), c); return null; });
        run(c -> { oro.confirm(false, c); return null; });
        events.clear();
        references.clear();
        return oro;
    }

    OrderReference openLive(String total) {
        processor = new LiveProcessor();
        draft(LIVE_ID, Environment.LIVE, buyer.addresses().get(0), buyer.instruments().get(0), true);
        run(c -> { oro.setOrderReferenceDetails(details(total), c); return null; });
        run(c -> { oro.confirm(false, c); return null; });
        events.clear();
        return oro;
    }

    static Attributes details(String total) {
        return new Attributes(usd(total), null, null, "order-1", null, null, null, null, null, null, null);
    }

    static Attributes note(String total, String sellerNote) {
        return new Attributes(total == null ? null : usd(total), sellerNote, null, null, null, null, null, null, null, null, null);
    }

    void collect() {
        events.addAll(oro.pendingEvents());
        timers.addAll(oro.pendingTimers());
        references.addAll(oro.pendingReferences());
        oro.drainChanges();
    }

    <T> T run(Function<Context, T> command) {
        try {
            return command.apply(ctx());
        } finally {
            collect();
        }
    }

    /** The command fails with this code and records nothing. */
    PaymentException fails(ErrorCode code, Function<Context, ?> command) {
        PaymentException e = assertThrows(PaymentException.class, () -> command.apply(ctx()));
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(oro.pendingEvents().isEmpty(), "a failed command records no events: " + oro.pendingEvents());
        assertTrue(oro.pendingTimers().isEmpty(), "a failed command records no timers");
        assertTrue(oro.pendingReferences().isEmpty(), "a failed command records no reference ids");
        oro.drainChanges();
        return e;
    }

    String ref() {
        return "ref-" + (++refs);
    }

    Authorization authorize(String amount, boolean sync, boolean captureNow, String note) {
        return run(c -> oro.authorize(new AuthorizeRequest(ref(), usd(amount), note, sync ? 0 : null, captureNow, null), c));
    }

    Authorization authorizeSync(String amount) {
        return authorize(amount, true, false, null);
    }

    Capture capture(Authorization a, String amount, String note) {
        return run(c -> oro.capture(a.id(), new CaptureRequest(ref(), usd(amount), note, null), c));
    }

    Refund refund(Capture cap, String amount, String note) {
        return run(c -> oro.refund(cap.id(), new RefundRequest(ref(), usd(amount), note, null), c));
    }

    /** Fires every timer due up to {@code t}, in due order, each at its own due time. */
    void advanceTo(Instant t) {
        while (true) {
            Timer next = timers.stream().filter(x -> !x.dueAt().isAfter(t)).min(Comparator.comparing(Timer::dueAt)).orElse(null);
            if (next == null) break;
            timers.remove(next);
            now = next.dueAt();
            run(c -> { oro.fire(next, c); return null; });
        }
        now = t;
    }

    void advance(Duration d) {
        advanceTo(now.plus(d));
    }

    Timer timer(Timer.Kind kind, String target) {
        return timers.stream().filter(t -> t.kind() == kind && t.targetId().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " timer for " + target + " in " + timers));
    }

    boolean hasEvent(Type type, String objectId) {
        return events.stream().anyMatch(e -> e.type() == type && e.objectId().equals(objectId));
    }

    List<Type> eventTypes() {
        return events.stream().map(DomainEvent::type).toList();
    }

    Authorization auth(String id) {
        return oro.authorization(id).orElseThrow();
    }

    Capture cap(String id) {
        return oro.capture(id).orElseThrow();
    }

    Refund ref(String id) {
        return oro.refund(id).orElseThrow();
    }

    static void assertStatus(String state, String reason, Status status) {
        assertEquals(state, status.state(), status.toString());
        assertEquals(reason, status.reasonCode(), status.toString());
    }

    // ------------------------------------------------------------------ draft, constraints, confirm

    @Nested
    class DraftAndConfirm {
        @Test
        void aNewDraftSchedulesStalenessAndExpiry() {
            draft();
            assertEquals(OrderReferenceState.Draft, oro.state());
            assertEquals(T0.plus(Duration.ofDays(180)), oro.expiration());
            assertEquals(T0.plus(Duration.ofHours(3)), timer(Timer.Kind.STALE_DRAFT, SANDBOX_ID).dueAt());
            assertEquals(T0.plus(Duration.ofDays(180)), timer(Timer.Kind.EXPIRE_ORDER_REFERENCE, SANDBOX_ID).dueAt());
            assertFalse(oro.isConfirmed());
            assertEquals("en-US", oro.orderLanguage());
            assertTrue(events.isEmpty());
        }

        @Test
        void constraintsListWhatIsMissing() {
            draft(SANDBOX_ID, Environment.SANDBOX, null, null, true);
            assertEquals(List.of(Constraint.SHIPPING_ADDRESS_NOT_SET, Constraint.PAYMENT_PLAN_NOT_SET, Constraint.AMOUNT_NOT_SET), oro.constraints());
            PaymentException e = fails(ErrorCode.ConstraintsExist, c -> { oro.confirm(false, c); return null; });
            assertTrue(e.getMessage().contains("ShippingAddressNotSet") && e.getMessage().contains("PaymentPlanNotSet")
                    && e.getMessage().contains("AmountNotSet"), e.getMessage());
            oro.selectAddress(buyer.addresses().get(1), now);
            assertEquals(List.of(Constraint.PAYMENT_PLAN_NOT_SET, Constraint.AMOUNT_NOT_SET), oro.constraints());
            oro.selectPaymentMethod(buyer.instruments().get(1), now);
            assertEquals(List.of(Constraint.AMOUNT_NOT_SET), oro.constraints());
            run(c -> { oro.setOrderReferenceDetails(details("10"), c); return null; });
            assertEquals(List.of(), oro.constraints());
            now = T0.plus(Duration.ofMinutes(5));
            run(c -> { oro.confirm(false, c); return null; });
            assertEquals(OrderReferenceState.Open, oro.state());
            assertEquals(now, oro.confirmed());
            assertStatus("Open", null, oro.status());
            assertEquals(now, oro.status().lastUpdateTimestamp());
            assertEquals(List.of(Type.ORDER_REFERENCE_NOTIFICATION, Type.EMAIL_PAYMENT_AUTHORIZED), eventTypes());
            assertEquals(List.of(), oro.constraints(), "only a Draft has constraints");
        }

        @Test
        void withoutTheAddressBookNoShippingAddressIsNeeded() {
            draft(SANDBOX_ID, Environment.SANDBOX, null, buyer.instruments().get(0), false);
            assertEquals(List.of(Constraint.AMOUNT_NOT_SET), oro.constraints());
        }

        @Test
        void aNotAllowedInstrumentIsAConstraint() {
            draft(SANDBOX_ID, Environment.SANDBOX, buyer.addresses().get(0), instrument("0404"), true);
            run(c -> { oro.setOrderReferenceDetails(details("10"), c); return null; });
            assertEquals(List.of(Constraint.PAYMENT_METHOD_NOT_ALLOWED), oro.constraints());
            fails(ErrorCode.ConstraintsExist, c -> { oro.confirm(false, c); return null; });
            oro.selectPaymentMethod(buyer.instruments().get(0), now);
            assertEquals(List.of(), oro.constraints());
        }

        @Test
        void theConstraintSimulationHoldsUntilTheSellerNoteIsOverwritten() {
            draft();
            run(c -> { oro.setOrderReferenceDetails(note("10", CONSTRAINT), c); return null; });
            assertEquals(List.of(Constraint.PAYMENT_METHOD_NOT_ALLOWED), oro.constraints(), "a buyer without direct debit gets it at once");
            fails(ErrorCode.ConstraintsExist, c -> { oro.confirm(false, c); return null; });
            run(c -> { oro.setOrderReferenceDetails(note("10", "ship fast"), c); return null; });
            assertEquals(List.of(), oro.constraints());
            run(c -> { oro.confirm(false, c); return null; });
            assertEquals(OrderReferenceState.Open, oro.state());
        }

        @Test
        void theConstraintSimulationFollowsDirectDebitForBuyersWhoHaveIt() {
            Seller de = Seller.create("A1SELLERDE", "AKIADE", "secret", Region.DE, "Laden");
            TestBuyer deBuyer = TestBuyers.defaultBuyer(Region.DE);
            PaymentInstrument dd = deBuyer.instruments().stream().filter(PaymentInstrument::isDirectDebit).findFirst().orElseThrow();
            oro = OrderReference.createDraft("S02-1234567-7654321", de, Environment.SANDBOX, now, deBuyer.email(), deBuyer.asBuyer(),
                    deBuyer.addresses().get(0), deBuyer.instruments().get(0), true, deBuyer.hasDirectDebit(), deBuyer.billingAddress());
            Context c = new Context(now, de, processor, PENDING, random);
            oro.setOrderReferenceDetails(new Attributes(Money.parse(CurrencyCode.EUR, "106"), CONSTRAINT, null, null, null, null, null,
                    null, null, null, null), c);
            assertEquals(List.of(), oro.constraints(), "a card does not raise it");
            oro.selectPaymentMethod(dd, now);
            assertEquals(List.of(Constraint.PAYMENT_METHOD_NOT_ALLOWED), oro.constraints());
            oro.selectPaymentMethod(deBuyer.instruments().get(0), now);
            assertEquals(List.of(), oro.constraints());
        }

        @Test
        void aLiveSellerNoteIsJustANote() {
            processor = new LiveProcessor();
            draft(LIVE_ID, Environment.LIVE, buyer.addresses().get(0), buyer.instruments().get(0), true);
            run(c -> { oro.setOrderReferenceDetails(note("10", CONSTRAINT), c); return null; });
            assertEquals(List.of(), oro.constraints());
            run(c -> { oro.setOrderReferenceDetails(note("10", "{\"SandboxSimulation\": nonsense"), c); return null; });
            assertEquals("{\"SandboxSimulation\": nonsense", oro.sellerNote());
        }

        @Test
        void setOrderReferenceDetailsValidates() {
            draft();
            fails(ErrorCode.InvalidParameterValue, c -> { oro.setOrderReferenceDetails(note(null, "x"), c); return null; });
            fails(ErrorCode.InvalidParameterValue, c -> { oro.setOrderReferenceDetails(details("0"), c); return null; });
            fails(ErrorCode.CurrencyUnsupported, c -> {
                oro.setOrderReferenceDetails(new Attributes(Money.parse(CurrencyCode.EUR, "5"), null, null, null, null, null, null, null,
                        null, null, null), c);
                return null;
            });
            fails(ErrorCode.InvalidSandboxSimulationSpecified, c -> { oro.setOrderReferenceDetails(note("10", AMAZON_REJECTED), c); return null; });
            run(c -> { oro.setOrderReferenceDetails(details("12.34"), c); return null; });
            assertEquals(usd("12.34"), oro.orderTotal());
            assertEquals("order-1", oro.sellerOrderId());
        }

        @Test
        void setOrderReferenceDetailsIsDraftOnly() {
            open("10");
            PaymentException e = fails(ErrorCode.OrderReferenceNotModifiable, c -> { oro.setOrderReferenceDetails(details("11"), c); return null; });
            assertEquals("OrderReference " + SANDBOX_ID + " is not in draft state and cannot be modified with the request submitted by you.", e.getMessage());
        }

        @Test
        void afterConfirmationEachAttributeMayChangeOnceAndTheTotalNever() {
            open("10");
            fails(ErrorCode.OrderReferenceNotModifiable, c -> { oro.setOrderAttributes(details("11"), c); return null; });
            Attributes sameTotal = new Attributes(usd("10"), null, null, "order-2", null, null, null, null, null, null, null);
            run(c -> { oro.setOrderAttributes(sameTotal, c); return null; });
            assertEquals("order-2", oro.sellerOrderId());
            run(c -> { oro.setOrderAttributes(sameTotal, c); return null; }); // the same value again is no change
            Attributes again = new Attributes(null, null, null, "order-3", null, null, null, null, null, null, null);
            fails(ErrorCode.OrderReferenceNotModifiable, c -> { oro.setOrderAttributes(again, c); return null; });
            Attributes store = new Attributes(null, null, null, null, "Other Store", null, null, null, null, null, null);
            run(c -> { oro.setOrderAttributes(store, c); return null; });
            assertEquals("Other Store", oro.storeName());
            run(c -> { oro.cancel(null, c); return null; });
            fails(ErrorCode.InvalidOrderReferenceStatus, c -> { oro.setOrderAttributes(store, c); return null; });
        }

        @Test
        void confirmingAgainIsANoOpAndCanceledCannotBeConfirmed() {
            open("10");
            run(c -> { oro.confirm(false, c); return null; });
            assertTrue(events.isEmpty());
            assertEquals(T0, oro.confirmed());
            run(c -> { oro.cancel("changed mind", c); return null; });
            fails(ErrorCode.InvalidOrderReferenceStatus, c -> { oro.confirm(false, c); return null; });
        }

        @Test
        void expectImmediateAuthorizationClosesAnUnusedOrderAfterSixtyMinutes() {
            draft();
            run(c -> { oro.setOrderReferenceDetails(details("10"), c); return null; });
            run(c -> { oro.confirm(true, c); return null; });
            assertEquals(T0.plus(Duration.ofMinutes(60)), timer(Timer.Kind.IMMEDIATE_AUTHORIZATION_WINDOW, SANDBOX_ID).dueAt());
            advance(Duration.ofMinutes(59));
            assertEquals(OrderReferenceState.Open, oro.state());
            advance(Duration.ofMinutes(1));
            assertStatus("Closed", "AmazonClosed", oro.status());
        }

        @Test
        void expectImmediateAuthorizationKeepsAnAuthorizedOrderOpen() {
            draft();
            run(c -> { oro.setOrderReferenceDetails(details("10"), c); return null; });
            run(c -> { oro.confirm(true, c); return null; });
            authorizeSync("10");
            advance(Duration.ofMinutes(61));
            assertEquals(OrderReferenceState.Open, oro.state());
        }
    }

    // ------------------------------------------------------------------ authorizations

    @Nested
    class Authorizations {
        @Test
        void synchronousAuthorizationIsOpenAtOnce() {
            open("100");
            Authorization a = authorize("60", true, false, null);
            assertTrue(a.id().matches(SANDBOX_ID + "-A[0-9]{6}"), a.id());
            assertStatus("Open", null, a.status());
            assertEquals(usd("60"), a.amount());
            assertEquals(usd("0"), a.capturedAmount());
            assertEquals(0, a.transactionTimeoutMinutes());
            assertEquals(T0.plus(Duration.ofDays(30)), a.expiration(), "the stamp says 30 days, sandbox too");
            assertEquals(T0.plus(Duration.ofDays(2)), timer(Timer.Kind.EXPIRE_AUTHORIZATION, a.id()).dueAt(), "sandbox authorizations last 2 days");
            assertEquals("AMZ*Offpay Test Stor", a.softDescriptor(), "the store name cut to 16 characters");
            assertEquals(List.of(Type.PAYMENT_AUTHORIZE), eventTypes());
            assertEquals(List.of(new ReferenceUse("ref-1", ReferenceUse.Kind.AUTHORIZATION, SANDBOX_ID, a.id())), references);
            assertEquals(List.of(a.id()), oro.authorizations().stream().map(Authorization::id).toList());
            now = T0.plus(Duration.ofMinutes(7));
            Authorization b = authorizeSync("10");
            assertEquals(now, b.created(), "timestamps follow the context clock");
            assertEquals(now, b.status().lastUpdateTimestamp());
        }

        @Test
        void asynchronousAuthorizationIsPendingThenOpen() {
            open("100");
            Authorization a = authorize("60", false, false, "thanks");
            assertEquals(AuthorizationState.Pending, a.state());
            assertEquals(1440, a.transactionTimeoutMinutes());
            assertEquals(T0.plus(PENDING), timer(Timer.Kind.DECIDE_AUTHORIZATION, a.id()).dueAt());
            assertEquals(T0.plus(Duration.ofMinutes(1440)), timer(Timer.Kind.TIME_OUT_AUTHORIZATION, a.id()).dueAt());
            events.clear();
            advance(Duration.ofSeconds(29));
            assertEquals(AuthorizationState.Pending, auth(a.id()).state());
            advance(Duration.ofSeconds(1));
            assertStatus("Open", null, auth(a.id()).status());
            assertEquals(T0.plus(PENDING), auth(a.id()).status().lastUpdateTimestamp());
            assertEquals(List.of(Type.PAYMENT_AUTHORIZE), eventTypes());
            advance(Duration.ofDays(1));
            assertEquals(AuthorizationState.Open, auth(a.id()).state(), "the time-out no longer applies");
        }

        @Test
        void anUndecidedAuthorizationTimesOut() {
            open("100");
            pendingDelay = Duration.ofMinutes(10);
            Authorization a = run(c -> oro.authorize(new AuthorizeRequest(ref(), usd("5"), null, 5, false, null), c));
            advance(Duration.ofMinutes(5));
            assertStatus("Declined", "TransactionTimedOut", auth(a.id()).status());
            advance(Duration.ofMinutes(10));
            assertEquals(AuthorizationState.Declined, auth(a.id()).state());
            assertEquals(OrderReferenceState.Open, oro.state());
        }

        @Test
        void captureNowCapturesWithTheSameDigits() {
            open("100");
            Authorization a = run(c -> oro.authorize(new AuthorizeRequest("cn-1", usd("100"), null, 0, true, "SHOP"), c));
            assertStatus("Closed", "MaxCapturesProcessed", a.status());
            assertEquals(1, a.captures().size());
            Capture c = a.captures().get(0);
            assertEquals(a.id().replace("-A", "-C"), c.id());
            assertStatus("Completed", null, c.status());
            assertEquals(usd("100"), c.amount());
            assertEquals(usd("100"), a.capturedAmount());
            assertEquals("AMZ*SHOP", c.softDescriptor());
            assertEquals(usd("100"), oro.chargedAmount());
            assertTrue(hasEvent(Type.PAYMENT_CAPTURE, c.id()) && hasEvent(Type.EMAIL_CHARGE_NOTIFICATION, c.id())
                    && hasEvent(Type.PAYMENT_AUTHORIZE, a.id()));
            assertEquals(1, events.stream().filter(e -> e.type() == Type.PAYMENT_AUTHORIZE).count(), "one IPN per object per command");
            assertEquals(1, references.size(), "the capture shares the authorization's reference id");
        }

        @Test
        void asynchronousCaptureNowCapturesWhenApproved() {
            open("100");
            Authorization a = authorize("40", false, true, null);
            assertTrue(a.captures().isEmpty());
            advance(PENDING);
            assertStatus("Closed", "MaxCapturesProcessed", auth(a.id()).status());
            assertEquals(CaptureState.Completed, auth(a.id()).captures().get(0).state());
        }

        @Test
        void authorizeNeedsAnOpenOrderReference() {
            draft();
            run(c -> { oro.setOrderReferenceDetails(details("10"), c); return null; });
            fails(ErrorCode.InvalidOrderReferenceStatus, c -> oro.authorize(new AuthorizeRequest("x", usd("1"), null, 0, false, null), c));
            run(c -> { oro.confirm(false, c); return null; });
            authorize("1", true, false, IPM);
            assertEquals(OrderReferenceState.Suspended, oro.state());
            fails(ErrorCode.InvalidOrderReferenceStatus, c -> oro.authorize(new AuthorizeRequest("y", usd("1"), null, 0, false, null), c));
            run(c -> { oro.close(null, c); return null; });
            fails(ErrorCode.InvalidOrderReferenceStatus, c -> oro.authorize(new AuthorizeRequest("z", usd("1"), null, 0, false, null), c));
        }

        @Test
        void amountsAreValidated() {
            open("100");
            fails(ErrorCode.CurrencyMismatch, c -> oro.authorize(new AuthorizeRequest("a", Money.parse(CurrencyCode.EUR, "1"), null, 0, false, null), c));
            fails(ErrorCode.InvalidParameterValue, c -> oro.authorize(new AuthorizeRequest("a", usd("0"), null, 0, false, null), c));
            fails(ErrorCode.InvalidParameterValue, c -> oro.authorize(new AuthorizeRequest("a", Money.ofMinor(CurrencyCode.USD, -100), null, 0, false, null), c));
            fails(ErrorCode.TransactionAmountExceeded, c -> oro.authorize(new AuthorizeRequest("a", usd("150000.01"), null, 0, false, null), c));
            assertTrue(oro.authorizations().isEmpty());
        }

        @Test
        void theMostThatCanBeAuthorizedIsTheOrderCeiling() {
            open("100");
            PaymentException e = fails(ErrorCode.TransactionAmountExceeded,
                    c -> oro.authorize(new AuthorizeRequest("a", usd("115.01"), null, 0, false, null), c));
            assertTrue(e.getMessage().contains("115.00"), e.getMessage());
            Authorization a = authorizeSync("100");
            fails(ErrorCode.TransactionAmountExceeded, c -> oro.authorize(new AuthorizeRequest("b", usd("15.01"), null, 0, false, null), c));
            Authorization b = authorizeSync("15");
            fails(ErrorCode.TransactionAmountExceeded, c -> oro.authorize(new AuthorizeRequest("c", usd("0.01"), null, 0, false, null), c));
            // Closing an authorization releases its amount; a partial capture keeps only what was captured.
            run(c -> oro.closeAuthorization(b.id(), "not needed", c));
            capture(a, "60", null);
            Authorization d = authorizeSync("55");
            assertEquals(AuthorizationState.Open, d.state());
            fails(ErrorCode.TransactionAmountExceeded, c -> oro.authorize(new AuthorizeRequest("e", usd("0.01"), null, 0, false, null), c));
        }

        @Test
        void declinedAuthorizationsHoldNothing() {
            open("100");
            authorize("100", true, false, TIMED_OUT);
            Authorization a = authorizeSync("115");
            assertEquals(AuthorizationState.Open, a.state());
        }

        @Test
        void atMostTenAuthorizations() {
            open("1000");
            for (int i = 0; i < 10; i++) authorize("1", true, false, i % 2 == 0 ? TIMED_OUT : null);
            PaymentException e = fails(ErrorCode.TransactionCountExceeded,
                    c -> oro.authorize(new AuthorizeRequest("eleven", usd("1"), null, 0, false, null), c));
            assertTrue(e.getMessage().contains("10"), e.getMessage());
            assertEquals(10, oro.authorizations().size());
        }

        @Test
        void closeAuthorizationClosesPendingAndOpenOnly() {
            open("100");
            Authorization open = authorizeSync("10");
            Authorization pending = authorize("10", false, false, null);
            Authorization declined = authorize("10", true, false, TIMED_OUT);
            events.clear();
            Authorization closed = run(c -> oro.closeAuthorization(open.id(), "out of stock", c));
            assertStatus("Closed", "SellerClosed", closed.status());
            assertEquals("out of stock", closed.status().reasonDescription());
            assertEquals(List.of(Type.PAYMENT_AUTHORIZE), eventTypes());
            events.clear();
            assertSame(closed, run(c -> oro.closeAuthorization(open.id(), "again", c)), "closing again answers the same");
            assertTrue(events.isEmpty());
            run(c -> oro.closeAuthorization(pending.id(), null, c));
            assertStatus("Closed", "SellerClosed", auth(pending.id()).status());
            advance(PENDING);
            assertEquals(AuthorizationState.Closed, auth(pending.id()).state(), "a later decision no longer applies");
            fails(ErrorCode.InvalidAuthorizationStatus, c -> oro.closeAuthorization(declined.id(), null, c));
            Authorization captured = authorizeSync("10");
            capture(captured, "10", null);
            fails(ErrorCode.InvalidAuthorizationStatus, c -> oro.closeAuthorization(captured.id(), null, c));
            fails(ErrorCode.InvalidTransactionId, c -> oro.closeAuthorization(SANDBOX_ID + "-A999999", null, c));
        }

        @Test
        void liveAuthorizationsLastThirtyDays() {
            openLive("100");
            Authorization a = authorizeSync("50");
            assertEquals(now.plus(Duration.ofDays(30)), timer(Timer.Kind.EXPIRE_AUTHORIZATION, a.id()).dueAt());
            advance(Duration.ofDays(29));
            assertEquals(AuthorizationState.Open, auth(a.id()).state());
            advance(Duration.ofDays(1));
            assertStatus("Closed", "ExpiredUnused", auth(a.id()).status());
        }

        @Test
        void liveIgnoresSimulationStrings() {
            openLive("100");
            Authorization a = authorize("50", true, false, AMAZON_REJECTED);
            assertEquals(AuthorizationState.Open, a.state());
            assertEquals(OrderReferenceState.Open, oro.state());
            Authorization b = authorize("10", true, false, "{\"SandboxSimulation\": broken");
            assertEquals(AuthorizationState.Open, b.state());
        }

        @Test
        void vatRegisteredEuSellersSeeTheBillingAddress() {
            Seller vat = Seller.create("A1SELLERUK", "AKIAUK", "s", Region.UK, "Shop").withSettings(Region.UK, "Shop", null, null, true, null, null, true);
            TestBuyer uk = TestBuyers.defaultBuyer(Region.UK);
            oro = OrderReference.createDraft("S02-1111111-2222222", vat, Environment.SANDBOX, now, uk.email(), uk.asBuyer(),
                    uk.addresses().get(0), uk.instruments().get(0), true, uk.hasDirectDebit(), uk.billingAddress());
            Context c = new Context(now, vat, processor, PENDING, random);
            oro.setOrderReferenceDetails(new Attributes(Money.parse(CurrencyCode.GBP, "10"), null, null, null, null, null, null, null, null, null, null), c);
            oro.confirm(false, c);
            Authorization a = oro.authorize(new AuthorizeRequest("v", Money.parse(CurrencyCode.GBP, "10"), null, 0, false, null), c);
            assertEquals(uk.billingAddress(), a.billingAddress());
            open("10");
            assertNull(authorizeSync("10").billingAddress(), "a US seller gets none");
        }
    }

    // ------------------------------------------------------------------ captures

    @Nested
    class Captures {
        @Test
        void aCaptureCompletesAndClosesItsAuthorization() {
            open("100");
            Authorization a = authorizeSync("100");
            events.clear();
            Capture c = capture(a, "80", "shipped");
            assertTrue(c.id().matches(SANDBOX_ID + "-C[0-9]{6}"), c.id());
            assertStatus("Completed", null, c.status());
            assertEquals(usd("80"), c.amount());
            assertEquals(usd("0"), c.refundedAmount());
            assertStatus("Closed", "MaxCapturesProcessed", auth(a.id()).status());
            assertEquals(usd("80"), auth(a.id()).capturedAmount());
            assertEquals(List.of(c.id()), auth(a.id()).captureIds());
            assertTrue(hasEvent(Type.PAYMENT_CAPTURE, c.id()) && hasEvent(Type.PAYMENT_AUTHORIZE, a.id())
                    && hasEvent(Type.EMAIL_CHARGE_NOTIFICATION, c.id()));
            assertEquals(OrderReferenceState.Open, oro.state());
            assertEquals(new ReferenceUse("ref-2", ReferenceUse.Kind.CAPTURE, a.id(), c.id()), references.get(references.size() - 1));
        }

        @Test
        void captureNeedsAnOpenAuthorization() {
            open("100");
            Authorization pending = authorize("10", false, false, null);
            fails(ErrorCode.InvalidAuthorizationStatus, c -> oro.capture(pending.id(), new CaptureRequest("c1", usd("1"), null, null), c));
            Authorization a = authorizeSync("10");
            capture(a, "5", null);
            PaymentException e = fails(ErrorCode.InvalidAuthorizationStatus,
                    c -> oro.capture(a.id(), new CaptureRequest("c2", usd("5"), null, null), c));
            assertTrue(e.getMessage().contains("MaxCapturesProcessed"), e.getMessage());
            fails(ErrorCode.InvalidTransactionId, c -> oro.capture(SANDBOX_ID + "-A000000", new CaptureRequest("c3", usd("1"), null, null), c));
        }

        @Test
        void captureIsAtMostTheAuthorizedAmount() {
            open("100");
            Authorization a = authorizeSync("50");
            fails(ErrorCode.TransactionAmountExceeded, c -> oro.capture(a.id(), new CaptureRequest("c1", usd("50.01"), null, null), c));
            fails(ErrorCode.CurrencyMismatch, c -> oro.capture(a.id(), new CaptureRequest("c1", Money.parse(CurrencyCode.EUR, "1"), null, null), c));
            fails(ErrorCode.InvalidParameterValue, c -> oro.capture(a.id(), new CaptureRequest("c1", usd("0"), null, null), c));
            assertEquals(AuthorizationState.Open, auth(a.id()).state());
            assertEquals(CaptureState.Completed, capture(a, "50", null).state());
        }

        @Test
        void chargingTheCeilingClosesTheOrderMaxAmountCharged() {
            open("100");
            Authorization a = authorizeSync("100");
            Authorization b = authorizeSync("15");
            capture(a, "100", null);
            assertEquals(OrderReferenceState.Open, oro.state());
            capture(b, "15", null);
            assertStatus("Closed", "MaxAmountCharged", oro.status());
            assertEquals(usd("115"), oro.chargedAmount());
        }

        @Test
        void yenCeilingIsCappedAtEightThousandFourHundred() {
            Seller jp = Seller.create("A1SELLERJP", "AKIAJP", "s", Region.JP, "Mise");
            TestBuyer b = TestBuyers.defaultBuyer(Region.JP);
            oro = OrderReference.createDraft("S03-1234567-1234567", jp, Environment.SANDBOX, now, b.email(), b.asBuyer(), b.addresses().get(0),
                    b.instruments().get(0), true, false, null);
            Context c = new Context(now, jp, processor, PENDING, random);
            Money total = Money.ofMinor(CurrencyCode.JPY, 100_000);
            oro.setOrderReferenceDetails(new Attributes(total, null, null, null, null, null, null, null, null, null, null), c);
            oro.confirm(false, c);
            PaymentException e = assertThrows(PaymentException.class, () -> oro.authorize(new AuthorizeRequest("j0",
                    Money.ofMinor(CurrencyCode.JPY, 108_401), null, 0, false, null), c));
            assertEquals(ErrorCode.TransactionAmountExceeded, e.code());
            Authorization a = oro.authorize(new AuthorizeRequest("j1", Money.ofMinor(CurrencyCode.JPY, 108_400), null, 0, true, null), c);
            assertEquals(CaptureState.Completed, a.captures().get(0).state());
            assertStatus("Closed", "MaxAmountCharged", oro.status());
        }

        @Test
        void tenCapturedAuthorizationsCloseTheOrder() {
            open("1000");
            for (int i = 0; i < 10; i++) {
                assertEquals(OrderReferenceState.Open, oro.state());
                capture(authorizeSync("10"), "10", null);
            }
            assertStatus("Closed", "MaxAuthorizationsCaptured", oro.status());
        }

        @Test
        void capturesOfOpenAuthorizationsAreAllowedOnSuspendedAndClosedOrders() {
            open("100");
            Authorization a = authorizeSync("30");
            Authorization b = authorizeSync("30");
            authorize("10", true, false, IPM);
            assertEquals(OrderReferenceState.Suspended, oro.state());
            assertEquals(CaptureState.Completed, capture(a, "30", null).state());
            run(c -> { oro.close("done", c); return null; });
            assertStatus("Closed", "SellerClosed", oro.status());
            assertEquals("done", oro.status().reasonDescription());
            Capture cb = capture(b, "30", null);
            assertEquals(CaptureState.Completed, cb.state());
            assertEquals(RefundState.Pending, refund(cb, "5", null).state(), "refunds are allowed after close");
        }

        @Test
        void liveCapturesAfterSevenDaysArePending() {
            openLive("100");
            Authorization a = authorizeSync("50");
            Authorization b = authorizeSync("50");
            assertEquals(CaptureState.Completed, capture(a, "50", null).state());
            advance(Duration.ofDays(7).plusSeconds(1));
            Capture late = capture(b, "50", null);
            assertEquals(CaptureState.Pending, late.state());
            assertEquals(now.plus(PENDING), timer(Timer.Kind.DECIDE_CAPTURE, late.id()).dueAt());
            advance(PENDING);
            assertEquals(CaptureState.Completed, cap(late.id()).state());
        }
    }

    // ------------------------------------------------------------------ refunds

    @Nested
    class Refunds {
        Capture captured(String total, String amount) {
            open(total);
            Capture c = capture(authorizeSync(amount), amount, null);
            events.clear();
            return c;
        }

        @Test
        void aRefundIsPendingThenCompleted() {
            Capture c = captured("100", "100");
            Refund r = refund(c, "40", "sorry");
            assertTrue(r.id().matches(SANDBOX_ID + "-R[0-9]{6}"), r.id());
            assertStatus("Pending", null, r.status());
            assertEquals("SellerInitiated", r.refundType());
            assertEquals(usd("0"), cap(c.id()).refundedAmount(), "pending refunds are not refunded yet");
            assertEquals(T0.plus(PENDING), timer(Timer.Kind.DECIDE_REFUND, r.id()).dueAt());
            assertTrue(events.isEmpty(), "the synchronous answer is the notification");
            advance(PENDING);
            assertStatus("Completed", null, ref(r.id()).status());
            assertEquals(usd("40"), cap(c.id()).refundedAmount());
            assertEquals(usd("40"), oro.refundedAmount());
            assertEquals(List.of(r.id()), cap(c.id()).refundIds());
            assertTrue(hasEvent(Type.PAYMENT_REFUND, r.id()) && hasEvent(Type.PAYMENT_CAPTURE, c.id())
                    && hasEvent(Type.EMAIL_REFUND_NOTIFICATION, r.id()));
            assertEquals(CaptureState.Completed, cap(c.id()).state());
        }

        @Test
        void onlyCompletedCapturesAreRefundable() {
            open("100");
            Authorization a = authorizeSync("50");
            Capture pending = capture(a, "50", CAPTURE_PENDING);
            fails(ErrorCode.CaptureNotRefundable, c -> oro.refund(pending.id(), new RefundRequest("r1", usd("1"), null, null), c));
            Capture declined = capture(authorizeSync("50"), "50", GUIDE_REJECTED);
            fails(ErrorCode.CaptureNotRefundable, c -> oro.refund(declined.id(), new RefundRequest("r2", usd("1"), null, null), c));
            fails(ErrorCode.InvalidTransactionId, c -> oro.refund(SANDBOX_ID + "-C123123", new RefundRequest("r3", usd("1"), null, null), c));
        }

        @Test
        void refundsStopAtTheCaptureCeiling() {
            Capture c = captured("100", "100");
            fails(ErrorCode.TransactionAmountExceeded, x -> oro.refund(c.id(), new RefundRequest("big", usd("115.01"), null, null), x));
            refund(c, "100", null);
            PaymentException e = fails(ErrorCode.TransactionAmountExceeded,
                    x -> oro.refund(c.id(), new RefundRequest("more", usd("15.01"), null, null), x));
            assertTrue(e.getMessage().contains("15.00"), "pending refunds count against the ceiling: " + e.getMessage());
            refund(c, "15", null);
            advance(PENDING);
            assertStatus("Closed", "MaxAmountRefunded", cap(c.id()).status());
            fails(ErrorCode.CaptureNotRefundable, x -> oro.refund(c.id(), new RefundRequest("after", usd("0.01"), null, null), x));
        }

        @Test
        void theRefundCeilingIsCappedAtSeventyFive() {
            Capture c = captured("1000", "1000");
            fails(ErrorCode.TransactionAmountExceeded, x -> oro.refund(c.id(), new RefundRequest("big", usd("1075.01"), null, null), x));
            refund(c, "1075", null);
        }

        @Test
        void atMostTenRefundsPerCapture() {
            Capture c = captured("100", "100");
            for (int i = 0; i < 10; i++) refund(c, "1", null);
            PaymentException e = fails(ErrorCode.TransactionCountExceeded,
                    x -> oro.refund(c.id(), new RefundRequest("eleventh", usd("1"), null, null), x));
            assertTrue(e.getMessage().contains("10"), e.getMessage());
            advance(PENDING);
            assertStatus("Closed", "MaxRefundsProcessed", cap(c.id()).status());
            assertEquals(usd("10"), cap(c.id()).refundedAmount());
            fails(ErrorCode.CaptureNotRefundable, x -> oro.refund(c.id(), new RefundRequest("eleventh", usd("1"), null, null), x));
        }

        @Test
        void declinedRefundsCountForNothing() {
            Capture c = captured("100", "100");
            Refund r = refund(c, "115", GUIDE_REJECTED);
            assertEquals(RefundState.Pending, r.state());
            advance(PENDING);
            assertStatus("Declined", "AmazonRejected", ref(r.id()).status());
            assertEquals(usd("0"), cap(c.id()).refundedAmount());
            assertEquals(CaptureState.Completed, cap(c.id()).state());
            Refund ok = refund(c, "115", null);
            advance(PENDING);
            assertEquals(RefundState.Completed, ref(ok.id()).state());
            assertStatus("Closed", "MaxAmountRefunded", cap(c.id()).status());
        }

        @Test
        void refundValidatesAmounts() {
            Capture c = captured("100", "100");
            fails(ErrorCode.CurrencyMismatch, x -> oro.refund(c.id(), new RefundRequest("a", Money.parse(CurrencyCode.GBP, "1"), null, null), x));
            fails(ErrorCode.InvalidParameterValue, x -> oro.refund(c.id(), new RefundRequest("a", usd("0"), null, null), x));
            fails(ErrorCode.InvalidSandboxSimulationSpecified, x -> oro.refund(c.id(), new RefundRequest("a", usd("1"), CAPTURE_PENDING, null), x));
        }
    }

    // ------------------------------------------------------------------ cancel and close

    @Nested
    class CancelAndClose {
        @Test
        void cancelClosesHeldAuthorizations() {
            open("100");
            Authorization open = authorizeSync("10");
            Authorization pending = authorize("10", false, false, null);
            Authorization declined = authorize("10", true, false, TIMED_OUT);
            Authorization sellerClosed = authorizeSync("10");
            run(c -> oro.closeAuthorization(sellerClosed.id(), null, c));
            events.clear();
            run(c -> { oro.cancel("buyer changed mind", c); return null; });
            assertStatus("Canceled", "SellerCanceled", oro.status());
            assertEquals("buyer changed mind", oro.status().reasonDescription());
            assertStatus("Closed", "OrderReferenceCanceled", auth(open.id()).status());
            assertStatus("Closed", "OrderReferenceCanceled", auth(pending.id()).status());
            assertStatus("Declined", "TransactionTimedOut", auth(declined.id()).status());
            assertStatus("Closed", "SellerClosed", auth(sellerClosed.id()).status());
            assertTrue(hasEvent(Type.ORDER_REFERENCE_NOTIFICATION, SANDBOX_ID) && hasEvent(Type.PAYMENT_AUTHORIZE, open.id())
                    && hasEvent(Type.PAYMENT_AUTHORIZE, pending.id()));
            events.clear();
            run(c -> { oro.cancel("again", c); return null; });
            assertTrue(events.isEmpty(), "canceling again is a no-op");
            advance(PENDING);
            assertEquals(AuthorizationState.Closed, auth(pending.id()).state());
            fails(ErrorCode.InvalidOrderReferenceStatus, c -> { oro.close(null, c); return null; });
        }

        @Test
        void aDraftCanBeCanceled() {
            draft();
            run(c -> { oro.cancel(null, c); return null; });
            assertStatus("Canceled", "SellerCanceled", oro.status());
            advance(Duration.ofHours(4));
            assertStatus("Canceled", "SellerCanceled", oro.status());
        }

        @Test
        void cancelIsRefusedOnceSomethingWasCharged() {
            open("100");
            capture(authorizeSync("10"), "10", null);
            fails(ErrorCode.InvalidCancelAttempt, c -> { oro.cancel(null, c); return null; });
            open("100");
            capture(authorizeSync("10"), "10", CAPTURE_PENDING);
            fails(ErrorCode.InvalidCancelAttempt, c -> { oro.cancel(null, c); return null; });
            open("100");
            capture(authorizeSync("10"), "10", GUIDE_CLOSED);
            fails(ErrorCode.InvalidCancelAttempt, c -> { oro.cancel(null, c); return null; });
        }

        @Test
        void aDeclinedCaptureDoesNotPreventCancel() {
            open("100");
            capture(authorizeSync("10"), "10", GUIDE_REJECTED);
            run(c -> { oro.cancel(null, c); return null; });
            assertEquals(OrderReferenceState.Canceled, oro.state());
        }

        @Test
        void cancelOfClosedOrStaleIsRefused() {
            open("100");
            run(c -> { oro.close(null, c); return null; });
            fails(ErrorCode.InvalidOrderReferenceStatus, c -> { oro.cancel(null, c); return null; });
            draft();
            advance(Duration.ofHours(3));
            assertStatus("Canceled", "Stale", oro.status());
            fails(ErrorCode.InvalidOrderReferenceStatus, c -> { oro.cancel(null, c); return null; });
        }

        @Test
        void suspendedOrdersCanBeCanceledAndClosed() {
            open("100");
            authorizeSync("10");
            authorize("10", true, false, IPM);
            run(c -> { oro.cancel(null, c); return null; });
            assertStatus("Canceled", "SellerCanceled", oro.status());
            open("100");
            authorize("10", true, false, IPM);
            run(c -> { oro.close("r", c); return null; });
            assertStatus("Closed", "SellerClosed", oro.status());
        }

        @Test
        void closeRules() {
            draft();
            fails(ErrorCode.InvalidOrderReferenceStatus, c -> { oro.close(null, c); return null; });
            open("100");
            Authorization a = authorizeSync("10");
            events.clear();
            run(c -> { oro.close("all shipped", c); return null; });
            assertStatus("Closed", "SellerClosed", oro.status());
            assertEquals(List.of(Type.ORDER_REFERENCE_NOTIFICATION), eventTypes());
            assertEquals(AuthorizationState.Open, auth(a.id()).state(), "open authorizations stay capturable");
            events.clear();
            run(c -> { oro.close("again", c); return null; });
            assertTrue(events.isEmpty(), "closing again is a no-op");
            fails(ErrorCode.InvalidOrderReferenceStatus, c -> oro.authorize(new AuthorizeRequest("n", usd("1"), null, 0, false, null), c));
        }

        @Test
        void theClosureReasonCanSimulateAmazonClosed() {
            open("100");
            fails(ErrorCode.InvalidSandboxSimulationSpecified, c -> { oro.close(AMAZON_REJECTED, c); return null; });
            assertEquals(OrderReferenceState.Open, oro.state());
            run(c -> { oro.close(AMAZON_CLOSED, c); return null; });
            assertStatus("Closed", "AmazonClosed", oro.status());
            assertNull(oro.status().reasonDescription());
            openLive("100");
            run(c -> { oro.close(AMAZON_CLOSED, c); return null; });
            assertStatus("Closed", "SellerClosed", oro.status());
        }
    }

    // ------------------------------------------------------------------ idempotency

    @Nested
    class Idempotency {
        @Test
        void authorizeReplays() {
            open("100");
            AuthorizeRequest req = new AuthorizeRequest("auth-1", usd("10"), "n", 0, false, null);
            Authorization a = run(c -> oro.authorize(req, c));
            events.clear();
            references.clear();
            assertSame(a, run(c -> oro.authorize(req, c)));
            assertSame(a, run(c -> oro.authorize(new AuthorizeRequest("auth-1", usd("10.00"), "n", 0, false, null), c)));
            assertTrue(events.isEmpty() && references.isEmpty());
            assertEquals(1, oro.authorizations().size());
            fails(ErrorCode.DuplicateRequest, c -> oro.authorize(new AuthorizeRequest("auth-1", usd("11"), "n", 0, false, null), c));
            fails(ErrorCode.DuplicateRequest, c -> oro.authorize(new AuthorizeRequest("auth-1", usd("10"), "n", 0, true, null), c));
            fails(ErrorCode.DuplicateRequest, c -> oro.authorize(new AuthorizeRequest("auth-1", usd("10"), "other", 0, false, null), c));
            fails(ErrorCode.DuplicateRequest, c -> oro.authorize(new AuthorizeRequest("auth-1", usd("10"), "n", 60, false, null), c));
            run(c -> { oro.close(null, c); return null; });
            assertSame(a, run(c -> oro.authorize(req, c)), "a replay answers even after the order closed");
        }

        @Test
        void defaultTimeoutEqualsExplicitDefault() {
            open("100");
            Authorization a = run(c -> oro.authorize(new AuthorizeRequest("t", usd("1"), null, null, false, null), c));
            assertSame(a, run(c -> oro.authorize(new AuthorizeRequest("t", usd("1"), null, 1440, false, null), c)));
        }

        @Test
        void captureAndRefundReplays() {
            open("100");
            Authorization a = authorizeSync("50");
            Authorization b = authorizeSync("50");
            CaptureRequest creq = new CaptureRequest("cap-1", usd("50"), null, null);
            Capture c1 = run(c -> oro.capture(a.id(), creq, c));
            assertSame(c1, run(c -> oro.capture(a.id(), creq, c)), "same parameters: the same capture, although the authorization is closed");
            fails(ErrorCode.DuplicateRequest, c -> oro.capture(a.id(), new CaptureRequest("cap-1", usd("49"), null, null), c));
            fails(ErrorCode.DuplicateReferenceId, c -> oro.capture(b.id(), creq, c));
            RefundRequest rreq = new RefundRequest("ref-a", usd("5"), null, null);
            Refund r1 = run(c -> oro.refund(c1.id(), rreq, c));
            assertSame(r1, run(c -> oro.refund(c1.id(), rreq, c)));
            fails(ErrorCode.DuplicateRequest, c -> oro.refund(c1.id(), new RefundRequest("ref-a", usd("6"), null, null), c));
            assertEquals(1, cap(c1.id()).refunds().size());
        }

        @Test
        void aReferenceIdNamesOneTransactionOfOneKind() {
            open("100");
            Authorization a = run(c -> oro.authorize(new AuthorizeRequest("shared-1", usd("50"), null, 0, false, null), c));
            Authorization b = authorizeSync("50");
            fails(ErrorCode.DuplicateReferenceId, c -> oro.capture(b.id(), new CaptureRequest("shared-1", usd("5"), null, null), c));
            Capture c1 = run(c -> oro.capture(a.id(), new CaptureRequest("cap-x", usd("50"), null, null), c));
            fails(ErrorCode.DuplicateReferenceId, c -> oro.refund(c1.id(), new RefundRequest("cap-x", usd("5"), null, null), c));
            fails(ErrorCode.DuplicateReferenceId, c -> oro.refund(c1.id(), new RefundRequest("shared-1", usd("5"), null, null), c));
            run(c -> oro.refund(c1.id(), new RefundRequest("ref-x", usd("5"), null, null), c));
            fails(ErrorCode.DuplicateReferenceId, c -> oro.authorize(new AuthorizeRequest("ref-x", usd("1"), null, 0, false, null), c));
            fails(ErrorCode.DuplicateReferenceId, c -> oro.authorize(new AuthorizeRequest("cap-x", usd("1"), null, 0, false, null), c));
            fails(ErrorCode.DuplicateReferenceId, c -> oro.capture(b.id(), new CaptureRequest("ref-x", usd("1"), null, null), c));
        }

        @Test
        void theCaptureNowCaptureBelongsToItsAuthorizationsReferenceId() {
            open("100");
            Authorization a = run(c -> oro.authorize(new AuthorizeRequest("now-1", usd("10"), null, 0, true, null), c));
            Authorization b = authorizeSync("10");
            fails(ErrorCode.DuplicateReferenceId, c -> oro.capture(b.id(), new CaptureRequest("now-1", usd("10"), null, null), c));
            fails(ErrorCode.DuplicateReferenceId, c -> oro.capture(a.id(), new CaptureRequest("now-1", usd("10"), null, null), c));
            fails(ErrorCode.DuplicateReferenceId, c -> oro.refund(a.captures().get(0).id(), new RefundRequest("now-1", usd("1"), null, null), c));
        }

        @Test
        void everyNewTransactionRecordsItsReferenceId() {
            open("100");
            Authorization a = run(c -> oro.authorize(new AuthorizeRequest("A", usd("10"), null, 0, false, null), c));
            Capture c1 = run(c -> oro.capture(a.id(), new CaptureRequest("C", usd("10"), null, null), c));
            Refund r1 = run(c -> oro.refund(c1.id(), new RefundRequest("R", usd("1"), null, null), c));
            assertEquals(List.of(new ReferenceUse("A", ReferenceUse.Kind.AUTHORIZATION, SANDBOX_ID, a.id()),
                    new ReferenceUse("C", ReferenceUse.Kind.CAPTURE, a.id(), c1.id()),
                    new ReferenceUse("R", ReferenceUse.Kind.REFUND, c1.id(), r1.id())), references);
            assertNotEquals(a.id().substring(a.id().length() - 6), r1.id().substring(r1.id().length() - 6));
        }
    }

    // ------------------------------------------------------------------ timers

    @Nested
    class Timers {
        @Test
        void anUnconfirmedDraftGoesStaleAfterThreeHours() {
            draft();
            advance(Duration.ofHours(3).minusSeconds(1));
            assertEquals(OrderReferenceState.Draft, oro.state());
            advance(Duration.ofSeconds(1));
            assertStatus("Canceled", "Stale", oro.status());
            assertEquals(T0.plus(Duration.ofHours(3)), oro.status().lastUpdateTimestamp());
            assertEquals(List.of(Type.ORDER_REFERENCE_NOTIFICATION), eventTypes());
        }

        @Test
        void aConfirmedOrderDoesNotGoStale() {
            open("10");
            advance(Duration.ofHours(4));
            assertEquals(OrderReferenceState.Open, oro.state());
            assertTrue(events.isEmpty());
        }

        @Test
        void openAndSuspendedOrdersExpireAfter180Days() {
            open("10");
            advance(Duration.ofDays(180).minusMillis(1));
            assertEquals(OrderReferenceState.Open, oro.state());
            advance(Duration.ofMillis(1));
            assertStatus("Closed", "Expired", oro.status());
            Instant created = now;
            open("10");
            authorize("1", true, false, "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"InvalidPaymentMethod\"}}");
            assertEquals(OrderReferenceState.Suspended, oro.state());
            advanceTo(created.plus(Duration.ofDays(180)).minusMillis(1));
            assertEquals(OrderReferenceState.Suspended, oro.state());
            advanceTo(created.plus(Duration.ofDays(180)));
            assertStatus("Closed", "Expired", oro.status());
        }

        @Test
        void aClosedOrderDoesNotExpireAgain() {
            open("10");
            run(c -> { oro.close("done", c); return null; });
            events.clear();
            advance(Duration.ofDays(181));
            assertStatus("Closed", "SellerClosed", oro.status());
            assertTrue(events.isEmpty());
        }

        @Test
        void sandboxAuthorizationsExpireUnusedAfterTwoDays() {
            open("100");
            Authorization a = authorizeSync("10");
            Authorization b = authorizeSync("10");
            capture(b, "10", null);
            advance(Duration.ofDays(2).minusSeconds(1));
            assertEquals(AuthorizationState.Open, auth(a.id()).state());
            advance(Duration.ofSeconds(1));
            assertStatus("Closed", "ExpiredUnused", auth(a.id()).status());
            assertStatus("Closed", "MaxCapturesProcessed", auth(b.id()).status());
        }

        @Test
        void aTimerThatNoLongerAppliesDoesNothing() {
            open("10");
            Authorization a = authorizeSync("10");
            capture(a, "10", null);
            events.clear();
            run(c -> { oro.fire(new Timer(Timer.Kind.EXPIRE_AUTHORIZATION, a.id(), now), c); return null; });
            run(c -> { oro.fire(new Timer(Timer.Kind.DECIDE_AUTHORIZATION, a.id(), now), c); return null; });
            run(c -> { oro.fire(new Timer(Timer.Kind.STALE_DRAFT, SANDBOX_ID, now), c); return null; });
            run(c -> { oro.fire(new Timer(Timer.Kind.PAYMENT_METHOD_UPDATE, SANDBOX_ID, now), c); return null; });
            run(c -> { oro.fire(new Timer(Timer.Kind.DECIDE_CAPTURE, a.captures().get(0).id(), now), c); return null; });
            run(c -> { oro.fire(new Timer(Timer.Kind.DECIDE_REFUND, SANDBOX_ID + "-R000001", now), c); return null; });
            assertTrue(events.isEmpty(), events.toString());
            assertEquals(OrderReferenceState.Open, oro.state());
        }
    }

    // ------------------------------------------------------------------ sandbox simulations and test instruments

    @Nested
    class Simulations {
        @Test
        void invalidPaymentMethodSuspendsUntilTheSimulatedBuyerUpdate() {
            open("100");
            events.clear();
            Authorization a = authorize("10", true, false, IPM);
            assertStatus("Declined", "InvalidPaymentMethod", a.status());
            assertEquals(Boolean.TRUE, a.softDecline());
            assertStatus("Suspended", "InvalidPaymentMethod", oro.status());
            assertTrue(hasEvent(Type.EMAIL_PAYMENT_DECLINED, a.id()) && hasEvent(Type.ORDER_REFERENCE_NOTIFICATION, SANDBOX_ID)
                    && hasEvent(Type.PAYMENT_AUTHORIZE, a.id()));
            assertEquals(now.plus(Duration.ofMinutes(5)), timer(Timer.Kind.PAYMENT_METHOD_UPDATE, SANDBOX_ID).dueAt());
            events.clear();
            advance(Duration.ofMinutes(4));
            assertEquals(OrderReferenceState.Suspended, oro.state());
            advance(Duration.ofMinutes(1));
            assertStatus("Open", null, oro.status());
            assertTrue(hasEvent(Type.EMAIL_PAYMENT_INFORMATION_UPDATED, SANDBOX_ID) && hasEvent(Type.ORDER_REFERENCE_NOTIFICATION, SANDBOX_ID));
            assertEquals(AuthorizationState.Open, authorizeSync("10").state());
        }

        @Test
        void softDeclineCanBeFalse() {
            open("100");
            Authorization a = authorize("10", true, false,
                    "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"InvalidPaymentMethod\", \"SoftDecline\": \"false\"}}");
            assertEquals(Boolean.FALSE, a.softDecline());
            assertEquals(OrderReferenceState.Suspended, oro.state());
            advance(Duration.ofDays(1));
            assertEquals(OrderReferenceState.Suspended, oro.state(), "without PaymentMethodUpdateTimeInMins the buyer never updates");
        }

        @Test
        void theBuyerReplacesADeclinedPaymentMethodOnTheBuyerSite() {
            open("100");
            PaymentException notSuspended = assertThrows(PaymentException.class, () -> oro.updatePaymentMethod(buyer.instruments().get(1), now));
            assertEquals(ErrorCode.PaymentMethodNotUpdated, notSuspended.code());
            authorize("10", true, false, IPM);
            events.clear();
            oro.updatePaymentMethod(buyer.instruments().get(1), now);
            collect();
            assertStatus("Open", null, oro.status());
            assertEquals(buyer.instruments().get(1), oro.paymentMethod());
            assertTrue(hasEvent(Type.EMAIL_PAYMENT_INFORMATION_UPDATED, SANDBOX_ID));
            advance(Duration.ofMinutes(10));
            assertEquals(OrderReferenceState.Open, oro.state(), "the simulated update no longer applies");
        }

        @Test
        void aNewMethodChosenInTheWalletIsConfirmedBySellerThenOpen() {
            open("100");
            PaymentException notSuspended = assertThrows(PaymentException.class, () -> oro.selectPaymentMethod(buyer.instruments().get(1), now));
            assertEquals(ErrorCode.PaymentMethodNotUpdated, notSuspended.code());
            authorize("10", true, false, IPM);
            fails(ErrorCode.PaymentMethodNotUpdated, c -> { oro.confirm(false, c); return null; });
            assertEquals(OrderReferenceState.Suspended, oro.state());
            oro.selectPaymentMethod(buyer.instruments().get(1), now);
            assertEquals(OrderReferenceState.Suspended, oro.state(), "the widget selection alone does not reopen the order");
            events.clear();
            run(c -> { oro.confirm(false, c); return null; });
            assertStatus("Open", null, oro.status());
            assertTrue(hasEvent(Type.EMAIL_PAYMENT_INFORMATION_UPDATED, SANDBOX_ID));
        }

        @Test
        void amazonRejectedClosesTheOrder() {
            open("100");
            Authorization held = authorizeSync("10");
            Authorization a = authorize("10", false, false, AMAZON_REJECTED);
            assertEquals(AuthorizationState.Pending, a.state());
            advance(PENDING);
            assertStatus("Declined", "AmazonRejected", auth(a.id()).status());
            assertStatus("Closed", "AmazonClosed", oro.status());
            assertEquals(AuthorizationState.Open, auth(held.id()).state());
        }

        @Test
        void transactionTimedOutLeavesTheOrderOpen() {
            open("100");
            Authorization a = authorize("10", true, false, TIMED_OUT);
            assertStatus("Declined", "TransactionTimedOut", a.status());
            assertEquals(OrderReferenceState.Open, oro.state());
        }

        @Test
        void expiredUnusedClosesAfterTheGivenMinutes() {
            open("100");
            Authorization a = authorize("10", true, false, EXPIRED_UNUSED);
            assertStatus("Open", null, a.status());
            advance(Duration.ofSeconds(59));
            assertEquals(AuthorizationState.Open, auth(a.id()).state());
            advance(Duration.ofSeconds(1));
            assertStatus("Closed", "ExpiredUnused", auth(a.id()).status());
            Authorization b = authorize("10", true, false, "{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"ExpiredUnused\"}}");
            assertEquals(now.plus(Duration.ofDays(2)), timer(Timer.Kind.EXPIRE_AUTHORIZATION, b.id()).dueAt(), "without minutes: the sandbox lifetime");
        }

        @Test
        void amazonClosedAuthorization() {
            open("100");
            Authorization a = authorize("10", true, false, AMAZON_CLOSED);
            assertStatus("Closed", "AmazonClosed", a.status());
            fails(ErrorCode.InvalidAuthorizationStatus, c -> oro.capture(a.id(), new CaptureRequest("c", usd("1"), null, null), c));
            assertEquals(AuthorizationState.Open, authorizeSync("105").state(), "an AmazonClosed authorization holds nothing");
        }

        @Test
        void pendingCaptureCompletesLater() {
            open("100");
            Capture c = capture(authorizeSync("10"), "10", CAPTURE_PENDING);
            assertStatus("Pending", null, c.status());
            assertEquals(usd("10"), oro.chargedAmount(), "a pending capture counts as charged");
            advance(PENDING);
            assertStatus("Completed", null, cap(c.id()).status());
            assertEquals(usd("10"), auth(c.authorizationId()).capturedAmount());
        }

        @Test
        void declinedCaptureInTheGuidesForm() {
            open("100");
            Authorization a = authorizeSync("10");
            Capture c = capture(a, "10", GUIDE_REJECTED);
            assertStatus("Declined", "AmazonRejected", c.status());
            assertStatus("Closed", "MaxCapturesProcessed", auth(a.id()).status());
            assertEquals(usd("0"), auth(a.id()).capturedAmount());
            assertEquals(usd("0"), oro.chargedAmount());
            Capture c2 = capture(authorizeSync("10"), "10", AMAZON_REJECTED);
            assertStatus("Declined", "AmazonRejected", c2.status());
        }

        @Test
        void amazonClosedCapture() {
            open("100");
            Capture c = capture(authorizeSync("10"), "10", GUIDE_CLOSED);
            assertStatus("Closed", "AmazonClosed", c.status());
            assertEquals(usd("10"), oro.chargedAmount());
            fails(ErrorCode.CaptureNotRefundable, x -> oro.refund(c.id(), new RefundRequest("r", usd("1"), null, null), x));
        }

        @Test
        void invalidSimulationsCreateNothing() {
            open("100");
            fails(ErrorCode.InvalidSandboxSimulationSpecified, c -> oro.authorize(new AuthorizeRequest("a", usd("1"), CAPTURE_PENDING, 0, false, null), c));
            fails(ErrorCode.InvalidSandboxSimulationSpecified, c -> oro.authorize(new AuthorizeRequest("a", usd("1"),
                    "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"InvalidPaymentMethod\", \"PaymentMethodUpdateTimeInMins\": 241}}", 0, false, null), c));
            fails(ErrorCode.InvalidSandboxSimulationSpecified, c -> oro.authorize(new AuthorizeRequest("a", usd("1"),
                    "{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"ExpiredUnused\", \"ExpirationTimeInMins\": 61}}", 0, false, null), c));
            assertTrue(oro.authorizations().isEmpty());
            Authorization a = authorizeSync("10");
            fails(ErrorCode.InvalidSandboxSimulationSpecified, c -> oro.capture(a.id(), new CaptureRequest("c", usd("1"), IPM, null), c));
            assertEquals(AuthorizationState.Open, auth(a.id()).state());
            assertTrue(auth(a.id()).captures().isEmpty());
        }

        @Test
        void starredTestInstrumentsForceOutcomes() {
            String[][] cases = {{"0101", "InvalidPaymentMethod", "Suspended"}, {"0202", "AmazonRejected", "Closed"},
                    {"0303", "TransactionTimedOut", "Open"}};
            for (String[] k : cases) {
                draft(SANDBOX_ID, Environment.SANDBOX, buyer.addresses().get(0), instrument(k[0]), true);
                run(c -> { oro.setOrderReferenceDetails(details("10"), c); return null; });
                run(c -> { oro.confirm(false, c); return null; });
                Authorization a = authorizeSync("10");
                assertStatus("Declined", k[1], a.status());
                assertEquals(k[2], oro.state().name(), k[0]);
            }
            processor = new LiveProcessor();
            draft(LIVE_ID, Environment.LIVE, buyer.addresses().get(0), instrument("0202"), true);
            run(c -> { oro.setOrderReferenceDetails(details("10"), c); return null; });
            run(c -> { oro.confirm(false, c); return null; });
            assertStatus("Declined", "AmazonRejected", authorizeSync("10").status());
        }
    }

}
