package dev.offpay.core;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The payment service: each operation is one store transaction on one order reference aggregate.
 * Time is the seller's clock (real time plus the seller's sandbox offset).
 */
public final class PaymentService {
    private static final Pattern ORDER_REFERENCE_ID = Pattern.compile("[SP]0[0-9]-[0-9]{7}-[0-9]{7}");
    private static final Pattern TRANSACTION_ID = Pattern.compile("([SP]0[0-9]-[0-9]{7}-[0-9]{7})-([ACR])[0-9]{6}");

    private final Store store;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration sandboxPending;
    private final Duration livePending;
    private final Processor sandboxProcessor = new SandboxProcessor();
    private final Processor liveProcessor = new LiveProcessor();

    public PaymentService(Store store, Clock clock, RandomGenerator random, Duration sandboxPending, Duration livePending) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.sandboxPending = sandboxPending;
        this.livePending = livePending;
    }

    public Store store() {
        return store;
    }

    /** The seller's current time. */
    public Instant now(Seller seller) {
        return clock.instant().plus(seller.clockOffset());
    }

    private OrderReference.Context context(CallContext call, Instant now) {
        boolean sandbox = call.environment().isSandbox();
        return new OrderReference.Context(now, call.seller(), sandbox ? sandboxProcessor : liveProcessor,
                sandbox ? sandboxPending : livePending, random);
    }

    private <T> T update(CallContext call, String orderReferenceId, BiFunction<OrderReference, OrderReference.Context, T> change) {
        requireOrderReferenceId(call, orderReferenceId);
        Instant now = now(call.seller());
        return store.updateOrderReference(call.seller().id(), call.environment(), orderReferenceId,
                oro -> change.apply(oro, context(call, now)));
    }

    private void requireOrderReferenceId(CallContext call, String id) {
        if (id == null || !ORDER_REFERENCE_ID.matcher(id).matches()
                || id.charAt(0) != call.environment().orderReferencePrefix()) {
            throw invalidOrderReferenceId(id);
        }
    }

    public static PaymentException invalidOrderReferenceId(String id) {
        return new PaymentException(ErrorCode.InvalidOrderReferenceId, "The OrderReferenceId " + id + " is invalid.");
    }

    // ------------------------------------------------------------------ order references

    public OrderReference getOrderReference(CallContext call, String id) {
        requireOrderReferenceId(call, id);
        return store.orderReference(call.seller().id(), call.environment(), id).orElseThrow(() -> invalidOrderReferenceId(id));
    }

    public OrderReference setOrderReferenceDetails(CallContext call, String id, OrderReference.Attributes attributes) {
        return update(call, id, (oro, ctx) -> {
            oro.setOrderReferenceDetails(attributes, ctx);
            return oro;
        });
    }

    public OrderReference setOrderAttributes(CallContext call, String id, OrderReference.Attributes attributes) {
        return update(call, id, (oro, ctx) -> {
            oro.setOrderAttributes(attributes, ctx);
            return oro;
        });
    }

    public OrderReference confirm(CallContext call, String id, boolean expectImmediateAuthorization) {
        return update(call, id, (oro, ctx) -> {
            oro.confirm(expectImmediateAuthorization, ctx);
            return oro;
        });
    }

    public OrderReference cancel(CallContext call, String id, String reason) {
        return update(call, id, (oro, ctx) -> {
            oro.cancel(reason, ctx);
            return oro;
        });
    }

    public OrderReference close(CallContext call, String id, String reason) {
        return update(call, id, (oro, ctx) -> {
            oro.close(reason, ctx);
            return oro;
        });
    }

    public List<OrderReference> list(Store.ListQuery query) {
        return store.listOrderReferences(query);
    }

    // ------------------------------------------------------------------ transactions

    /** The order reference an authorization, capture or refund id belongs to (checked format and environment). */
    public String orderReferenceOf(CallContext call, String transactionId, char kind) {
        var m = transactionId == null ? null : TRANSACTION_ID.matcher(transactionId);
        if (m == null || !m.matches() || m.group(2).charAt(0) != kind
                || transactionId.charAt(0) != call.environment().orderReferencePrefix()) {
            throw new PaymentException(ErrorCode.InvalidTransactionId, "The transaction id " + transactionId + " is invalid"
                    + (transactionId != null && m != null && m.matches() && m.group(2).charAt(0) != kind
                    ? "; expected an id of the form <OrderReferenceId>-" + kind + "<6 digits>." : "."));
        }
        return m.group(1);
    }

    private void requireReferenceFree(CallContext call, String referenceId, String field, String parentId, ReferenceUse.Kind kind) {
        Optional<ReferenceUse> used = store.referenceUse(call.seller().id(), call.environment(), referenceId);
        if (used.isPresent() && !(used.get().kind() == kind && used.get().parentId().startsWith(parentId))) {
            throw OrderReference.duplicateReference(field, referenceId);
        }
    }

    public Authorization authorize(CallContext call, String orderReferenceId, OrderReference.AuthorizeRequest request) {
        requireOrderReferenceId(call, orderReferenceId);
        requireReferenceFree(call, request.referenceId(), "AuthorizationReferenceId", orderReferenceId, ReferenceUse.Kind.AUTHORIZATION);
        return update(call, orderReferenceId, (oro, ctx) -> oro.authorize(request, ctx));
    }

    public Authorization getAuthorization(CallContext call, String authorizationId) {
        String oroId = orderReferenceOf(call, authorizationId, 'A');
        return store.orderReference(call.seller().id(), call.environment(), oroId)
                .flatMap(o -> o.authorization(authorizationId)).orElseThrow(() -> invalidTransaction(authorizationId));
    }

    public Authorization closeAuthorization(CallContext call, String authorizationId, String reason) {
        String oroId = orderReferenceOf(call, authorizationId, 'A');
        return updateTransaction(call, oroId, authorizationId, (oro, ctx) -> oro.closeAuthorization(authorizationId, reason, ctx));
    }

    public Capture capture(CallContext call, String authorizationId, OrderReference.CaptureRequest request) {
        String oroId = orderReferenceOf(call, authorizationId, 'A');
        requireReferenceFree(call, request.referenceId(), "CaptureReferenceId", authorizationId, ReferenceUse.Kind.CAPTURE);
        return updateTransaction(call, oroId, authorizationId, (oro, ctx) -> oro.capture(authorizationId, request, ctx));
    }

    public Capture getCapture(CallContext call, String captureId) {
        String oroId = orderReferenceOf(call, captureId, 'C');
        return store.orderReference(call.seller().id(), call.environment(), oroId)
                .flatMap(o -> o.capture(captureId)).orElseThrow(() -> invalidTransaction(captureId));
    }

    public Refund refund(CallContext call, String captureId, OrderReference.RefundRequest request) {
        String oroId = orderReferenceOf(call, captureId, 'C');
        requireReferenceFree(call, request.referenceId(), "RefundReferenceId", captureId, ReferenceUse.Kind.REFUND);
        return updateTransaction(call, oroId, captureId, (oro, ctx) -> oro.refund(captureId, request, ctx));
    }

    public Refund getRefund(CallContext call, String refundId) {
        String oroId = orderReferenceOf(call, refundId, 'R');
        return store.orderReference(call.seller().id(), call.environment(), oroId)
                .flatMap(o -> o.refund(refundId)).orElseThrow(() -> invalidTransaction(refundId));
    }

    private <T> T updateTransaction(CallContext call, String oroId, String transactionId,
                                    BiFunction<OrderReference, OrderReference.Context, T> change) {
        try {
            return update(call, oroId, change);
        } catch (PaymentException e) {
            if (e.code() == ErrorCode.InvalidOrderReferenceId) throw invalidTransaction(transactionId);
            throw e;
        }
    }

    private static PaymentException invalidTransaction(String id) {
        return new PaymentException(ErrorCode.InvalidTransactionId, "The transaction id " + id + " is invalid.");
    }

    // ------------------------------------------------------------------ buyer side and sandbox helpers

    /** Options of a Draft created as a signed-in buyer would create it. */
    public record DraftOptions(TestBuyer buyer, Integer addressIndex, boolean withAddress, String instrumentTail,
                               boolean withPaymentMethod, boolean useAmazonAddressBook) {
    }

    /** Creates a Draft order reference as the widgets do when a buyer signs in. */
    public OrderReference createDraft(CallContext call, DraftOptions options) {
        TestBuyer buyer = options.buyer();
        Address address = null;
        if (options.useAmazonAddressBook() && options.withAddress() && !buyer.addresses().isEmpty()) {
            int idx = options.addressIndex() == null ? 0 : options.addressIndex();
            if (idx < 0 || idx >= buyer.addresses().size()) {
                throw PaymentException.invalidParameter("address index " + idx + " is out of range; the buyer has "
                        + buyer.addresses().size() + " addresses");
            }
            address = buyer.addresses().get(idx);
        }
        PaymentInstrument instrument = null;
        if (options.withPaymentMethod()) {
            if (options.instrumentTail() != null) {
                instrument = buyer.instrumentByTail(options.instrumentTail()).orElseThrow(() -> PaymentException.invalidParameter(
                        "paymentMethod \"" + options.instrumentTail() + "\" matches none of the buyer's instruments; known tails: "
                                + buyer.instruments().stream().map(PaymentInstrument::tail).toList()));
            } else {
                instrument = buyer.instruments().get(0);
            }
        }
        Instant now = now(call.seller());
        for (int attempt = 0; ; attempt++) {
            String id = newOrderReferenceId(call);
            OrderReference oro = OrderReference.createDraft(id, call.seller(), call.environment(), now, buyer.email(),
                    buyer.asBuyer(), address, instrument, options.useAmazonAddressBook(), buyer.hasDirectDebit(), buyer.billingAddress());
            if (store.insertOrderReference(oro)) return oro;
            if (attempt > 10) throw new IllegalStateException("could not draw a free order reference id");
        }
    }

    private String newOrderReferenceId(CallContext call) {
        return call.environment().orderReferencePrefix() + call.seller().region().idDigits() + "-"
                + String.format("%07d", random.nextInt(10_000_000)) + "-" + String.format("%07d", random.nextInt(10_000_000));
    }

    /** A buyer's change in the widgets or on the buyer site. */
    public OrderReference buyerUpdate(CallContext call, String orderReferenceId, java.util.function.BiConsumer<OrderReference, Instant> change) {
        requireOrderReferenceId(call, orderReferenceId);
        Instant now = now(call.seller());
        return store.updateOrderReference(call.seller().id(), call.environment(), orderReferenceId, oro -> {
            change.accept(oro, now);
            return oro;
        });
    }

    /**
     * Moves the seller's clock forward and runs everything that became due, in due order, before
     * returning the seller's new time.
     */
    public Instant advanceClock(Seller seller, Duration by) {
        if (by.isNegative()) throw PaymentException.invalidParameter("advance must not be negative: the clock only moves forward");
        Seller updated = seller.withClockOffsetMillis(Math.addExact(seller.clockOffsetMillis(), by.toMillis()));
        store.saveSeller(updated);
        runDueTimers(updated.id());
        return now(updated);
    }

    /** Fires every due timer (of one seller, or all when null); returns how many fired. */
    public int runDueTimers(String sellerId) {
        int fired = 0;
        while (true) {
            List<Store.DueTimer> due = store.dueTimers(sellerId, clock.instant(), 200);
            if (due.isEmpty()) return fired;
            for (Store.DueTimer t : due) {
                Seller seller = store.sellerById(t.sellerId()).orElse(null);
                if (seller == null) continue;
                CallContext call = new CallContext(seller, t.environment());
                // The change happens at the timer's due time on the seller's clock.
                OrderReference.Context ctx = context(call, t.timer().dueAt());
                store.fireTimer(t, oro -> oro.fire(t.timer(), ctx));
                fired++;
            }
        }
    }
}
