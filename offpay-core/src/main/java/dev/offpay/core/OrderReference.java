package dev.offpay.core;


import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The order reference aggregate: the order reference with its authorizations, captures and refunds.
 * Every command is applied to a freshly loaded aggregate inside one store transaction; it mutates
 * the aggregate and records the domain events and timers that the store persists with it.
 */
public final class OrderReference {

    /** Everything a command needs besides the aggregate. */
    public record Context(Instant now, Seller seller, Processor processor, Duration pendingDelay, RandomGenerator random) {
    }

    /** Attributes of SetOrderReferenceDetails / SetOrderAttributes; null = not given. */
    public record Attributes(Money orderTotal, String sellerNote, String platformId, String sellerOrderId,
                             String storeName, String customInformation, String supplementaryData,
                             List<String> orderItemCategories, Boolean requestPaymentAuthorization,
                             String paymentServiceProviderId, String paymentServiceProviderOrderId) {
    }

    /** Authorize parameters. */
    public record AuthorizeRequest(String referenceId, Money amount, String note, Integer transactionTimeoutMinutes,
                                   boolean captureNow, String softDescriptor) {
        String fingerprint() {
            return amount + "|" + captureNow + "|" + (transactionTimeoutMinutes == null ? Limits.DEFAULT_TRANSACTION_TIMEOUT_MINUTES : transactionTimeoutMinutes)
                    + "|" + Objects.toString(softDescriptor, "") + "|" + Objects.toString(note, "");
        }
    }

    /** Capture parameters. */
    public record CaptureRequest(String referenceId, Money amount, String note, String softDescriptor) {
        String fingerprint(String authorizationId) {
            return authorizationId + "|" + amount + "|" + Objects.toString(softDescriptor, "") + "|" + Objects.toString(note, "");
        }
    }

    /** Refund parameters. */
    public record RefundRequest(String referenceId, Money amount, String note, String softDescriptor) {
        String fingerprint(String captureId) {
            return captureId + "|" + amount + "|" + Objects.toString(softDescriptor, "") + "|" + Objects.toString(note, "");
        }
    }

    String id;
    String sellerId;
    Environment environment;
    Region region;
    States.OrderReferenceState state;
    String reasonCode;
    String reasonDescription;
    Instant lastUpdate;
    Instant created;
    Instant expiration;
    Instant confirmed;
    Money orderTotal;
    String sellerNote;
    String platformId;
    String sellerOrderId;
    String storeName;
    String customInformation;
    String supplementaryData;
    List<String> orderItemCategories;
    Boolean requestPaymentAuthorization;
    String paymentServiceProviderId;
    String paymentServiceProviderOrderId;
    Set<String> changedAfterConfirmation = new HashSet<>();
    boolean paymentMethodNotAllowedSimulation;
    /** The buyer picked a method in the Wallet widget after a decline; the next Confirm reopens the order. */
    boolean paymentMethodReselected;
    String buyerId;
    Buyer buyer;
    Address shippingAddress;
    Address billingAddress;
    PaymentInstrument paymentMethod;
    boolean buyerHasDirectDebit;
    boolean addressRequired;
    boolean expectImmediateAuthorization;
    String orderLanguage;
    List<Authorization> authorizations = new ArrayList<>();

    private transient List<DomainEvent> events;
    private transient List<Timer> timers;
    private transient List<ReferenceUse> newReferences;

    OrderReference() {
    }

    /**
     * A Draft order reference as the widgets create it when a buyer signs in. {@code address} and
     * {@code instrument} may be null (not chosen yet).
     */
    public static OrderReference createDraft(String id, Seller seller, Environment env, Instant now, String buyerId,
                                             Buyer buyer, Address address, PaymentInstrument instrument,
                                             boolean addressRequired, boolean buyerHasDirectDebit, Address billingAddress) {
        OrderReference o = new OrderReference();
        o.id = id;
        o.sellerId = seller.id();
        o.environment = env;
        o.region = seller.region();
        o.state = States.OrderReferenceState.Draft;
        o.lastUpdate = now;
        o.created = now;
        o.expiration = now.plus(Limits.ORDER_REFERENCE_LIFETIME);
        o.buyerId = buyerId;
        o.buyer = buyer;
        o.shippingAddress = address;
        o.billingAddress = billingAddress;
        o.paymentMethod = instrument;
        o.addressRequired = addressRequired;
        o.buyerHasDirectDebit = buyerHasDirectDebit;
        o.orderLanguage = seller.region().language();
        o.requestPaymentAuthorization = false;
        o.schedule(new Timer(Timer.Kind.STALE_DRAFT, id, now.plus(Limits.STALE_DRAFT)));
        o.schedule(new Timer(Timer.Kind.EXPIRE_ORDER_REFERENCE, id, o.expiration));
        return o;
    }

    // ------------------------------------------------------------------ reads

    public String id() { return id; }
    public String sellerId() { return sellerId; }
    public Environment environment() { return environment; }
    public Region region() { return region; }
    public States.OrderReferenceState state() { return state; }
    public Instant created() { return created; }
    public Instant expiration() { return expiration; }
    public Instant confirmed() { return confirmed; }
    public Money orderTotal() { return orderTotal; }
    public String sellerNote() { return sellerNote; }
    public String platformId() { return platformId; }
    public String sellerOrderId() { return sellerOrderId; }
    public String storeName() { return storeName; }
    public String customInformation() { return customInformation; }
    public String supplementaryData() { return supplementaryData; }
    public List<String> orderItemCategories() { return orderItemCategories == null ? List.of() : orderItemCategories; }
    public Boolean requestPaymentAuthorization() { return requestPaymentAuthorization; }
    public String paymentServiceProviderId() { return paymentServiceProviderId; }
    public String paymentServiceProviderOrderId() { return paymentServiceProviderOrderId; }
    public String buyerId() { return buyerId; }
    public Buyer buyer() { return buyer; }
    public Address shippingAddress() { return shippingAddress; }
    public Address billingAddress() { return billingAddress; }
    public PaymentInstrument paymentMethod() { return paymentMethod; }
    public boolean addressRequired() { return addressRequired; }
    public String orderLanguage() { return orderLanguage; }
    public List<Authorization> authorizations() { return List.copyOf(authorizations); }

    public Status status() {
        return new Status(state.name(), reasonCode, reasonDescription, lastUpdate);
    }

    /** True once confirmed: the buyer and the full address are revealed. */
    public boolean isConfirmed() {
        return confirmed != null;
    }

    /** Constraints that currently prevent confirmation (only a Draft has them). */
    public List<Constraint> constraints() {
        if (state != States.OrderReferenceState.Draft) return List.of();
        List<Constraint> list = new ArrayList<>();
        if (addressRequired && shippingAddress == null) list.add(Constraint.SHIPPING_ADDRESS_NOT_SET);
        if (paymentMethod == null) {
            list.add(Constraint.PAYMENT_PLAN_NOT_SET);
        } else if (paymentMethodNotAllowed()) {
            list.add(Constraint.PAYMENT_METHOD_NOT_ALLOWED);
        }
        if (orderTotal == null) list.add(Constraint.AMOUNT_NOT_SET);
        return list;
    }

    private boolean paymentMethodNotAllowed() {
        if (paymentMethod.behaviour() == PaymentInstrument.Behaviour.PaymentMethodNotAllowed) return true;
        // The guide: with the simulation set, choosing direct debit raises the constraint; for buyers
        // without a direct debit instrument (US, JP) the simulation alone raises it.
        return paymentMethodNotAllowedSimulation && (paymentMethod.isDirectDebit() || !buyerHasDirectDebit);
    }

    public Optional<Authorization> authorization(String authorizationId) {
        return authorizations.stream().filter(a -> a.id.equals(authorizationId)).findFirst();
    }

    public Optional<Capture> capture(String captureId) {
        return authorizations.stream().flatMap(a -> a.captures.stream()).filter(c -> c.id.equals(captureId)).findFirst();
    }

    public Optional<Refund> refund(String refundId) {
        return authorizations.stream().flatMap(a -> a.captures.stream()).flatMap(c -> c.refunds.stream())
                .filter(r -> r.id.equals(refundId)).findFirst();
    }

    /** Total charged: captures that are Pending, Completed or Closed. */
    public Money chargedAmount() {
        Money total = Money.zero(currency());
        for (Authorization a : authorizations) {
            for (Capture c : a.captures) {
                if (c.countsAsCharged()) total = total.plus(c.amount);
            }
        }
        return total;
    }

    /** Total refunded (completed refunds). */
    public Money refundedAmount() {
        Money total = Money.zero(currency());
        for (Authorization a : authorizations) {
            for (Capture c : a.captures) total = total.plus(c.refundedAmount);
        }
        return total;
    }

    private CurrencyCode currency() {
        return orderTotal != null ? orderTotal.currency() : region.currency();
    }

    // ------------------------------------------------------------------ events, timers, references

    /** Events recorded by the last command(s) since {@link #drainChanges()}. */
    public List<DomainEvent> pendingEvents() {
        return events == null ? List.of() : events;
    }

    public List<Timer> pendingTimers() {
        return timers == null ? List.of() : timers;
    }

    public List<ReferenceUse> pendingReferences() {
        return newReferences == null ? List.of() : newReferences;
    }

    /** Clears the recorded events, timers and references (after the store persisted them). */
    public void drainChanges() {
        events = null;
        timers = null;
        newReferences = null;
    }

    private void emit(DomainEvent.Type type, String objectId, Instant at) {
        if (events == null) events = new ArrayList<>();
        // One notification per object per command: it carries the object's state after the command.
        if (type.isIpn() && events.stream().anyMatch(e -> e.type() == type && e.objectId().equals(objectId))) return;
        events.add(new DomainEvent(type, objectId, at));
    }

    private void schedule(Timer t) {
        if (timers == null) timers = new ArrayList<>();
        timers.add(t);
    }

    private void reference(ReferenceUse r) {
        if (newReferences == null) newReferences = new ArrayList<>();
        newReferences.add(r);
    }

    // ------------------------------------------------------------------ transitions

    private void transition(States.OrderReferenceEvent event, Instant now) {
        TransitionTable.Target<States.OrderReferenceState> t = States.ORDER_REFERENCE.next(state, event)
                .orElseThrow(() -> new IllegalStateException("no rule for order reference " + state + " + " + event));
        state = t.state();
        reasonCode = t.reason();
        reasonDescription = null;
        lastUpdate = now;
        emit(DomainEvent.Type.ORDER_REFERENCE_NOTIFICATION, id, now);
    }

    private boolean tryTransition(States.OrderReferenceEvent event, Instant now) {
        if (States.ORDER_REFERENCE.next(state, event).isEmpty()) return false;
        transition(event, now);
        return true;
    }

    private void transition(Authorization a, States.AuthorizationEvent event, Instant now) {
        TransitionTable.Target<States.AuthorizationState> t = States.AUTHORIZATION.next(a.state, event)
                .orElseThrow(() -> new IllegalStateException("no rule for authorization " + a.state + " + " + event));
        a.state = t.state();
        a.reasonCode = t.reason();
        a.reasonDescription = null;
        a.lastUpdate = now;
        emit(DomainEvent.Type.PAYMENT_AUTHORIZE, a.id, now);
    }

    private void transition(Capture c, States.CaptureEvent event, Instant now) {
        TransitionTable.Target<States.CaptureState> t = States.CAPTURE.next(c.state, event)
                .orElseThrow(() -> new IllegalStateException("no rule for capture " + c.state + " + " + event));
        c.state = t.state();
        c.reasonCode = t.reason();
        c.lastUpdate = now;
        emit(DomainEvent.Type.PAYMENT_CAPTURE, c.id, now);
    }

    private void transition(Refund r, States.RefundEvent event, Instant now) {
        TransitionTable.Target<States.RefundState> t = States.REFUND.next(r.state, event)
                .orElseThrow(() -> new IllegalStateException("no rule for refund " + r.state + " + " + event));
        r.state = t.state();
        r.reasonCode = t.reason();
        r.lastUpdate = now;
        emit(DomainEvent.Type.PAYMENT_REFUND, r.id, now);
    }

    // ------------------------------------------------------------------ order reference commands

    /** SetOrderReferenceDetails: Draft only. */
    public void setOrderReferenceDetails(Attributes a, Context ctx) {
        if (state != States.OrderReferenceState.Draft) throw notModifiable();
        if (a.orderTotal() == null) {
            throw PaymentException.invalidParameter("OrderReferenceAttributes.OrderTotal.Amount is required");
        }
        applyAttributes(a, ctx);
    }

    /** SetOrderAttributes: anything while Draft; after confirmation each attribute may be set once, never the total. */
    public void setOrderAttributes(Attributes a, Context ctx) {
        if (state == States.OrderReferenceState.Canceled || state == States.OrderReferenceState.Closed) {
            throw new PaymentException(ErrorCode.InvalidOrderReferenceStatus, "OrderReference " + id + " is in state "
                    + state + " and its attributes cannot be changed; SetOrderAttributes needs Draft, Open or Suspended.");
        }
        if (state != States.OrderReferenceState.Draft) {
            if (a.orderTotal() != null && !a.orderTotal().equals(orderTotal)) {
                throw new PaymentException(ErrorCode.OrderReferenceNotModifiable, "OrderReference " + id
                        + " is confirmed: OrderAttributes.OrderTotal can only be changed while it is in Draft state.");
            }
            List<String> changing = new ArrayList<>();
            changed(changing, "SellerNote", a.sellerNote(), sellerNote);
            changed(changing, "PlatformId", a.platformId(), platformId);
            changed(changing, "SellerOrderId", a.sellerOrderId(), sellerOrderId);
            changed(changing, "StoreName", a.storeName(), storeName);
            changed(changing, "CustomInformation", a.customInformation(), customInformation);
            changed(changing, "SupplementaryData", a.supplementaryData(), supplementaryData);
            changed(changing, "OrderItemCategories", a.orderItemCategories(), orderItemCategories);
            changed(changing, "RequestPaymentAuthorization", a.requestPaymentAuthorization(), requestPaymentAuthorization);
            changed(changing, "PaymentServiceProviderAttributes",
                    a.paymentServiceProviderId() == null && a.paymentServiceProviderOrderId() == null ? null
                            : a.paymentServiceProviderId() + "|" + a.paymentServiceProviderOrderId(),
                    paymentServiceProviderId + "|" + paymentServiceProviderOrderId);
            for (String name : changing) {
                if (changedAfterConfirmation.contains(name)) {
                    throw new PaymentException(ErrorCode.OrderReferenceNotModifiable, "OrderReference " + id + " is confirmed and its "
                            + name + " was already updated once after confirmation; it cannot be modified again.");
                }
            }
            changedAfterConfirmation.addAll(changing);
        }
        applyAttributes(a, ctx);
    }

    private static void changed(List<String> out, String name, Object requested, Object current) {
        if (requested != null && !requested.equals(current)) out.add(name);
    }

    private void applyAttributes(Attributes a, Context ctx) {
        if (a.orderTotal() != null) {
            Money total = a.orderTotal();
            if (!region.presentmentCurrencies().contains(total.currency())) {
                throw new PaymentException(ErrorCode.CurrencyUnsupported, "OrderTotal.CurrencyCode " + total.currency()
                        + " is not supported for a " + region + " seller; expected one of " + region.presentmentCurrencies().stream().sorted().toList());
            }
            if (!total.isPositive()) {
                throw PaymentException.invalidParameter("OrderTotal.Amount must be greater than 0, got " + total.toPlainString());
            }
            if (!authorizations.isEmpty() && orderTotal != null && total.currency() != orderTotal.currency()) {
                throw new PaymentException(ErrorCode.CurrencyMismatch, "OrderTotal.CurrencyCode " + total.currency()
                        + " differs from the currency of existing authorizations (" + orderTotal.currency() + ")");
            }
            orderTotal = total;
        }
        if (a.sellerNote() != null) {
            if (environment.isSandbox() && Simulation.isSimulation(a.sellerNote())) {
                Simulation.parse(a.sellerNote(), Simulation.Carrier.ORDER_REFERENCE_NOTE);
                paymentMethodNotAllowedSimulation = true;
            } else {
                paymentMethodNotAllowedSimulation = false;
            }
            sellerNote = a.sellerNote();
        }
        if (a.platformId() != null) platformId = a.platformId();
        if (a.sellerOrderId() != null) sellerOrderId = a.sellerOrderId();
        if (a.storeName() != null) storeName = a.storeName();
        if (a.customInformation() != null) customInformation = a.customInformation();
        if (a.supplementaryData() != null) supplementaryData = a.supplementaryData();
        if (a.orderItemCategories() != null) orderItemCategories = List.copyOf(a.orderItemCategories());
        if (a.requestPaymentAuthorization() != null) requestPaymentAuthorization = a.requestPaymentAuthorization();
        if (a.paymentServiceProviderId() != null) paymentServiceProviderId = a.paymentServiceProviderId();
        if (a.paymentServiceProviderOrderId() != null) paymentServiceProviderOrderId = a.paymentServiceProviderOrderId();
    }

    private PaymentException notModifiable() {
        return new PaymentException(ErrorCode.OrderReferenceNotModifiable, "OrderReference " + id
                + " is not in draft state and cannot be modified with the request submitted by you.");
    }

    /**
     * ConfirmOrderReference: Draft → Open when no constraints remain; Suspended → Open once the buyer has
     * picked a new payment method; repeating it on an Open order is a no-op.
     */
    public void confirm(boolean expectImmediateAuthorization, Context ctx) {
        if (state == States.OrderReferenceState.Open) return;
        if (state == States.OrderReferenceState.Suspended) {
            if (!paymentMethodReselected) {
                throw new PaymentException(ErrorCode.PaymentMethodNotUpdated, "OrderReference " + id + " is Suspended after a declined "
                        + "authorization and the buyer has not selected a new payment method in the Wallet widget since.");
            }
            updatePaymentMethod(null, ctx.now());
            return;
        }
        if (state != States.OrderReferenceState.Draft) {
            throw new PaymentException(ErrorCode.InvalidOrderReferenceStatus, "OrderReference " + id + " is in state "
                    + state + (reasonCode == null ? "" : " (" + reasonCode + ")") + " and cannot be confirmed; ConfirmOrderReference needs Draft.");
        }
        List<Constraint> cs = constraints();
        if (!cs.isEmpty()) {
            throw new PaymentException(ErrorCode.ConstraintsExist, "OrderReference " + id
                    + " has constraints " + cs.stream().map(Constraint::id).toList() + " and cannot be confirmed.");
        }
        confirmed = ctx.now();
        transition(States.OrderReferenceEvent.CONFIRM, ctx.now());
        emit(DomainEvent.Type.EMAIL_PAYMENT_AUTHORIZED, id, ctx.now());
        if (expectImmediateAuthorization) {
            this.expectImmediateAuthorization = true;
            schedule(new Timer(Timer.Kind.IMMEDIATE_AUTHORIZATION_WINDOW, id, ctx.now().plus(Limits.IMMEDIATE_AUTHORIZATION_WINDOW)));
        }
    }

    /** CancelOrderReference: Draft/Open/Suspended → Canceled (the guide), only while nothing has been charged. */
    public void cancel(String reason, Context ctx) {
        if (state == States.OrderReferenceState.Canceled && "SellerCanceled".equals(reasonCode)) return;
        if (state != States.OrderReferenceState.Draft && state != States.OrderReferenceState.Open && state != States.OrderReferenceState.Suspended) {
            throw new PaymentException(ErrorCode.InvalidOrderReferenceStatus, "OrderReference " + id + " is in state "
                    + state + (reasonCode == null ? "" : " (" + reasonCode + ")") + "; CancelOrderReference needs Draft, Open or Suspended.");
        }
        for (Authorization a : authorizations) {
            for (Capture c : a.captures) {
                if (c.countsAsCharged()) {
                    throw new PaymentException(ErrorCode.InvalidCancelAttempt, "OrderReference " + id + " cannot be canceled: capture "
                            + c.id + " is " + c.state + ". Close the order reference instead, or refund the capture.");
                }
            }
        }
        reasonDescription = null;
        transition(States.OrderReferenceEvent.SELLER_CANCEL, ctx.now());
        reasonDescription = reason;
        for (Authorization a : authorizations) {
            if (a.holdsFunds()) transition(a, States.AuthorizationEvent.ORDER_REFERENCE_CANCELED, ctx.now());
        }
    }

    /** CloseOrderReference: Open/Suspended → Closed; open authorizations stay capturable. */
    public void close(String reason, Context ctx) {
        Simulation sim = environment.isSandbox() ? Simulation.parse(reason, Simulation.Carrier.CLOSE_ORDER_REFERENCE) : null;
        if (state == States.OrderReferenceState.Closed) return;
        if (state != States.OrderReferenceState.Open && state != States.OrderReferenceState.Suspended) {
            throw new PaymentException(ErrorCode.InvalidOrderReferenceStatus, "OrderReference " + id + " is in state "
                    + state + (reasonCode == null ? "" : " (" + reasonCode + ")") + "; CloseOrderReference needs Open or Suspended.");
        }
        if (sim != null) {
            transition(States.OrderReferenceEvent.AMAZON_CLOSE, ctx.now());
        } else {
            transition(States.OrderReferenceEvent.SELLER_CLOSE, ctx.now());
            reasonDescription = reason;
        }
    }

    // ------------------------------------------------------------------ authorizations

    /**
     * Authorize. Returns the new authorization, or the existing one when the reference id is replayed
     * with the same parameters.
     */
    public Authorization authorize(AuthorizeRequest req, Context ctx) {
        Optional<Authorization> replay = replayedAuthorization(req);
        if (replay.isPresent()) return replay.get();
        if (state != States.OrderReferenceState.Open) {
            throw new PaymentException(ErrorCode.InvalidOrderReferenceStatus, "OrderReference " + id + " is in state "
                    + state + (reasonCode == null ? "" : " (" + reasonCode + ")") + "; Authorize needs an Open order reference.");
        }
        Money amount = req.amount();
        requireCurrency(amount, "AuthorizationAmount");
        requireTransactionAmount(amount, "AuthorizationAmount");
        if (authorizations.size() >= Limits.MAX_AUTHORIZATIONS_PER_ORDER_REFERENCE) {
            throw new PaymentException(ErrorCode.TransactionCountExceeded, "OrderReference " + id + " already has "
                    + authorizations.size() + " authorizations, the most allowed.");
        }
        Money ceiling = Limits.ceiling(orderTotal);
        Money committed = chargedAmount();
        for (Authorization a : authorizations) {
            if (a.holdsFunds()) committed = committed.plus(a.amount);
        }
        if (committed.plus(amount).greaterThan(ceiling)) {
            throw new PaymentException(ErrorCode.TransactionAmountExceeded, "AuthorizationAmount " + amount.toPlainString()
                    + " " + amount.currency() + " exceeds what remains authorizable on OrderReference " + id + ": "
                    + ceiling.minus(committed).max0().toPlainString() + " (order total " + orderTotal.toPlainString()
                    + " plus min(15%, " + Limits.overchargeCap(amount.currency()).toPlainString() + "), less captured and open authorizations).");
        }
        Simulation sim = environment.isSandbox() ? Simulation.parse(req.note(), Simulation.Carrier.AUTHORIZE) : null;
        int timeout = req.transactionTimeoutMinutes() == null ? Limits.DEFAULT_TRANSACTION_TIMEOUT_MINUTES : req.transactionTimeoutMinutes();

        Authorization a = new Authorization();
        String digits = newDigits(ctx.random());
        a.id = id + "-A" + digits;
        a.referenceId = req.referenceId();
        a.amount = amount;
        a.capturedAmount = Money.zero(amount.currency());
        a.fee = Money.zero(amount.currency());
        a.note = req.note();
        a.softDescriptor = softDescriptor(req.softDescriptor(), ctx);
        a.captureNow = req.captureNow();
        a.transactionTimeoutMinutes = timeout;
        a.created = ctx.now();
        a.expiration = ctx.now().plus(Limits.AUTHORIZATION_EXPIRATION_STAMP);
        a.state = States.AuthorizationState.Pending;
        a.lastUpdate = ctx.now();
        a.simulation = sim;
        a.fingerprint = req.fingerprint();
        if (ctx.seller().vatRegistered() && (region == Region.UK || region == Region.DE)) {
            a.billingAddress = billingAddress;
        }
        authorizations.add(a);
        reference(new ReferenceUse(req.referenceId(), ReferenceUse.Kind.AUTHORIZATION, id, a.id));

        if (timeout == 0) {
            decideAuthorization(a, ctx, true);
        } else {
            schedule(new Timer(Timer.Kind.DECIDE_AUTHORIZATION, a.id, ctx.now().plus(ctx.pendingDelay())));
            schedule(new Timer(Timer.Kind.TIME_OUT_AUTHORIZATION, a.id, ctx.now().plus(Duration.ofMinutes(timeout))));
        }
        return a;
    }

    private Optional<Authorization> replayedAuthorization(AuthorizeRequest req) {
        for (Authorization a : authorizations) {
            if (a.referenceId.equals(req.referenceId())) {
                if (a.fingerprint.equals(req.fingerprint())) return Optional.of(a);
                throw duplicateRequest("AuthorizationReferenceId", req.referenceId());
            }
        }
        requireUnusedHere(req.referenceId(), "AuthorizationReferenceId");
        return Optional.empty();
    }

    private void decideAuthorization(Authorization a, Context ctx, boolean synchronous) {
        Decision d = ctx.processor().authorize(this, a);
        Instant now = ctx.now();
        switch (d.outcome()) {
            case APPROVED -> {
                transition(a, States.AuthorizationEvent.APPROVE, now);
                Simulation sim = a.simulation;
                if (sim != null && "AmazonClosed".equals(sim.reasonCode())) {
                    transition(a, States.AuthorizationEvent.AMAZON_CLOSE, now);
                    return;
                }
                Duration lifetime = sim != null && sim.expirationTimeInMins() != null
                        ? Duration.ofMinutes(sim.expirationTimeInMins()) : Limits.authorizationLifetime(environment);
                schedule(new Timer(Timer.Kind.EXPIRE_AUTHORIZATION, a.id, now.plus(lifetime)));
                if (a.captureNow) {
                    captureNow(a, ctx);
                }
            }
            case DECLINED -> declineAuthorization(a, d, ctx);
            case UNKNOWN -> {
                if (synchronous) {
                    // Synchronous mode answers within seconds: an undecided authorization times out.
                    transition(a, States.AuthorizationEvent.TIME_OUT, now);
                } else {
                    schedule(new Timer(Timer.Kind.DECIDE_AUTHORIZATION, a.id, now.plus(ctx.pendingDelay())));
                }
            }
        }
    }

    private void declineAuthorization(Authorization a, Decision d, Context ctx) {
        Instant now = ctx.now();
        switch (d.reasonCode()) {
            case "InvalidPaymentMethod" -> {
                transition(a, States.AuthorizationEvent.DECLINE_INVALID_PAYMENT_METHOD, now);
                a.softDecline = d.softDecline();
                if (tryTransition(States.OrderReferenceEvent.DECLINED_INVALID_PAYMENT_METHOD, now)) {
                    emit(DomainEvent.Type.EMAIL_PAYMENT_DECLINED, a.id, now);
                    Simulation sim = a.simulation;
                    if (sim != null && sim.paymentMethodUpdateTimeInMins() != null) {
                        schedule(new Timer(Timer.Kind.PAYMENT_METHOD_UPDATE, id, now.plus(Duration.ofMinutes(sim.paymentMethodUpdateTimeInMins()))));
                    }
                }
            }
            case "AmazonRejected" -> {
                transition(a, States.AuthorizationEvent.DECLINE_AMAZON_REJECTED, now);
                tryTransition(States.OrderReferenceEvent.AMAZON_CLOSE, now);
            }
            case "TransactionTimedOut" -> transition(a, States.AuthorizationEvent.TIME_OUT, now);
            default -> transition(a, States.AuthorizationEvent.DECLINE_PROCESSING_FAILURE, now);
        }
    }

    private void captureNow(Authorization a, Context ctx) {
        Capture c = newCapture(a, a.id.substring(a.id.length() - 6), a.referenceId, a.amount, null, null, ctx);
        c.softDescriptor = a.softDescriptor;
        decideCapture(a, c, ctx);
    }

    /** CloseAuthorization: Pending/Open → Closed/SellerClosed. */
    public Authorization closeAuthorization(String authorizationId, String reason, Context ctx) {
        Authorization a = authorization(authorizationId).orElseThrow(() -> invalidTransactionId(authorizationId));
        if (a.state == States.AuthorizationState.Closed && "SellerClosed".equals(a.reasonCode)) return a;
        if (!a.holdsFunds()) {
            throw new PaymentException(ErrorCode.InvalidAuthorizationStatus, "Authorization " + a.id + " is in state " + a.state
                    + (a.reasonCode == null ? "" : " (" + a.reasonCode + ")") + "; CloseAuthorization needs Pending or Open.");
        }
        transition(a, States.AuthorizationEvent.SELLER_CLOSE, ctx.now());
        a.reasonDescription = reason;
        return a;
    }

    // ------------------------------------------------------------------ captures

    /** Capture an Open authorization (one capture per authorization). */
    public Capture capture(String authorizationId, CaptureRequest req, Context ctx) {
        Authorization a = authorization(authorizationId).orElseThrow(() -> invalidTransactionId(authorizationId));
        for (Authorization any : authorizations) {
            for (Capture c : any.captures) {
                if (c.referenceId.equals(req.referenceId())) {
                    if (c.fingerprint != null && c.fingerprint.equals(req.fingerprint(authorizationId))) return c;
                    throw any == a && c.fingerprint != null ? duplicateRequest("CaptureReferenceId", req.referenceId())
                            : duplicateReference("CaptureReferenceId", req.referenceId());
                }
            }
        }
        requireUnusedHere(req.referenceId(), "CaptureReferenceId");
        if (a.state != States.AuthorizationState.Open) {
            throw new PaymentException(ErrorCode.InvalidAuthorizationStatus, "Authorization " + a.id + " is in state " + a.state
                    + (a.reasonCode == null ? "" : " (" + a.reasonCode + ")") + "; Capture needs an Open authorization.");
        }
        Money amount = req.amount();
        requireCurrency(amount, "CaptureAmount");
        requireTransactionAmount(amount, "CaptureAmount");
        if (amount.greaterThan(a.amount)) {
            throw new PaymentException(ErrorCode.TransactionAmountExceeded, "CaptureAmount " + amount.toPlainString() + " "
                    + amount.currency() + " exceeds the authorized amount " + a.amount.toPlainString() + " of " + a.id + ".");
        }
        Money ceiling = Limits.ceiling(orderTotal);
        Money charged = chargedAmount();
        if (charged.plus(amount).greaterThan(ceiling)) {
            throw new PaymentException(ErrorCode.TransactionAmountExceeded, "CaptureAmount " + amount.toPlainString() + " "
                    + amount.currency() + " would take the charged total of OrderReference " + id + " to "
                    + charged.plus(amount).toPlainString() + ", above the most allowed " + ceiling.toPlainString()
                    + " (order total plus min(15%, " + Limits.overchargeCap(amount.currency()).toPlainString() + ")).");
        }
        Simulation sim = environment.isSandbox() ? Simulation.parse(req.note(), Simulation.Carrier.CAPTURE) : null;
        Capture c = newCapture(a, newDigits(ctx.random()), req.referenceId(), amount, req.note(), sim, ctx);
        c.fingerprint = req.fingerprint(authorizationId);
        c.softDescriptor = softDescriptor(req.softDescriptor(), ctx);
        reference(new ReferenceUse(req.referenceId(), ReferenceUse.Kind.CAPTURE, a.id, c.id));
        boolean late = !environment.isSandbox() && ctx.now().isAfter(a.created.plus(Limits.LIVE_CAPTURE_SYNC_WINDOW));
        if ((sim != null && "Pending".equals(sim.state())) || late) {
            schedule(new Timer(Timer.Kind.DECIDE_CAPTURE, c.id, ctx.now().plus(ctx.pendingDelay())));
        } else {
            decideCapture(a, c, ctx);
        }
        return c;
    }

    private Capture newCapture(Authorization a, String digits, String referenceId, Money amount, String note, Simulation sim, Context ctx) {
        Capture c = new Capture();
        c.id = id + "-C" + digits;
        c.referenceId = referenceId;
        c.authorizationId = a.id;
        c.amount = amount;
        c.refundedAmount = Money.zero(amount.currency());
        c.fee = Money.zero(amount.currency());
        c.note = note;
        c.created = ctx.now();
        c.state = States.CaptureState.Pending;
        c.lastUpdate = ctx.now();
        c.simulation = sim;
        a.captures.add(c);
        transition(a, States.AuthorizationEvent.CAPTURE, ctx.now());
        return c;
    }

    private void decideCapture(Authorization a, Capture c, Context ctx) {
        Decision d = ctx.processor().capture(this, a, c);
        Instant now = ctx.now();
        switch (d.outcome()) {
            case APPROVED -> {
                transition(c, States.CaptureEvent.COMPLETE, now);
                a.capturedAmount = c.amount;
                emit(DomainEvent.Type.PAYMENT_AUTHORIZE, a.id, now);
                emit(DomainEvent.Type.EMAIL_CHARGE_NOTIFICATION, c.id, now);
                if (c.simulation != null && "AmazonClosed".equals(c.simulation.reasonCode())) {
                    transition(c, States.CaptureEvent.AMAZON_CLOSE, now);
                }
                closeOrderReferenceAtLimits(now);
            }
            case DECLINED -> transition(c, "AmazonRejected".equals(d.reasonCode())
                    ? States.CaptureEvent.DECLINE_AMAZON_REJECTED : States.CaptureEvent.DECLINE_PROCESSING_FAILURE, now);
            case UNKNOWN -> schedule(new Timer(Timer.Kind.DECIDE_CAPTURE, c.id, now.plus(ctx.pendingDelay())));
        }
    }

    private void closeOrderReferenceAtLimits(Instant now) {
        if (chargedAmount().compareTo(Limits.ceiling(orderTotal)) >= 0) {
            tryTransition(States.OrderReferenceEvent.MAX_AMOUNT_CHARGED, now);
            return;
        }
        long captured = authorizations.stream().filter(x -> x.captures.stream().anyMatch(c -> c.state == States.CaptureState.Completed
                || c.state == States.CaptureState.Closed)).count();
        if (captured >= Limits.MAX_CAPTURED_AUTHORIZATIONS) {
            tryTransition(States.OrderReferenceEvent.MAX_AUTHORIZATIONS_CAPTURED, now);
        }
    }

    // ------------------------------------------------------------------ refunds

    /** Refund (part of) a Completed capture; the refund starts Pending. */
    public Refund refund(String captureId, RefundRequest req, Context ctx) {
        Capture c = capture(captureId).orElseThrow(() -> invalidTransactionId(captureId));
        for (Authorization any : authorizations) {
            for (Capture cc : any.captures) {
                for (Refund r : cc.refunds) {
                    if (r.referenceId.equals(req.referenceId())) {
                        if (r.fingerprint.equals(req.fingerprint(captureId))) return r;
                        throw cc == c ? duplicateRequest("RefundReferenceId", req.referenceId())
                                : duplicateReference("RefundReferenceId", req.referenceId());
                    }
                }
            }
        }
        requireUnusedHere(req.referenceId(), "RefundReferenceId");
        if (c.state != States.CaptureState.Completed) {
            throw new PaymentException(ErrorCode.CaptureNotRefundable, "Capture " + c.id + " is in state " + c.state
                    + (c.reasonCode == null ? "" : " (" + c.reasonCode + ")") + "; only a Completed capture can be refunded.");
        }
        Money amount = req.amount();
        requireCurrency(amount, "RefundAmount");
        requireTransactionAmount(amount, "RefundAmount");
        long live = c.refunds.stream().filter(Refund::countsAgainstCeiling).count();
        if (live >= Limits.MAX_REFUNDS_PER_CAPTURE) {
            throw new PaymentException(ErrorCode.TransactionCountExceeded, "Capture " + c.id + " already has " + live
                    + " refunds, the most allowed.");
        }
        Money refunded = Money.zero(amount.currency());
        for (Refund r : c.refunds) {
            if (r.countsAgainstCeiling()) refunded = refunded.plus(r.amount);
        }
        Money ceiling = Limits.ceiling(c.amount);
        if (refunded.plus(amount).greaterThan(ceiling)) {
            throw new PaymentException(ErrorCode.TransactionAmountExceeded, "RefundAmount " + amount.toPlainString() + " "
                    + amount.currency() + " exceeds what remains refundable on capture " + c.id + ": "
                    + ceiling.minus(refunded).max0().toPlainString() + " (captured " + c.amount.toPlainString()
                    + " plus min(15%, " + Limits.overchargeCap(amount.currency()).toPlainString() + "), less earlier refunds).");
        }
        Simulation sim = environment.isSandbox() ? Simulation.parse(req.note(), Simulation.Carrier.REFUND) : null;
        Refund r = new Refund();
        r.id = id + "-R" + newDigits(ctx.random());
        r.referenceId = req.referenceId();
        r.captureId = c.id;
        r.amount = amount;
        r.fee = Money.zero(amount.currency());
        r.note = req.note();
        r.softDescriptor = softDescriptor(req.softDescriptor(), ctx);
        r.created = ctx.now();
        r.state = States.RefundState.Pending;
        r.lastUpdate = ctx.now();
        r.simulation = sim;
        r.fingerprint = req.fingerprint(captureId);
        c.refunds.add(r);
        reference(new ReferenceUse(req.referenceId(), ReferenceUse.Kind.REFUND, c.id, r.id));
        schedule(new Timer(Timer.Kind.DECIDE_REFUND, r.id, ctx.now().plus(ctx.pendingDelay())));
        return r;
    }

    private void decideRefund(Capture c, Refund r, Context ctx) {
        Decision d = ctx.processor().refund(this, c, r);
        Instant now = ctx.now();
        switch (d.outcome()) {
            case APPROVED -> {
                transition(r, States.RefundEvent.COMPLETE, now);
                c.refundedAmount = c.refundedAmount.plus(r.amount);
                emit(DomainEvent.Type.PAYMENT_CAPTURE, c.id, now);
                emit(DomainEvent.Type.EMAIL_REFUND_NOTIFICATION, r.id, now);
                if (c.state == States.CaptureState.Completed) {
                    long completed = c.refunds.stream().filter(x -> x.state == States.RefundState.Completed).count();
                    if (c.refundedAmount.compareTo(Limits.ceiling(c.amount)) >= 0) {
                        transition(c, States.CaptureEvent.MAX_AMOUNT_REFUNDED, now);
                    } else if (completed >= Limits.MAX_REFUNDS_PER_CAPTURE) {
                        transition(c, States.CaptureEvent.MAX_REFUNDS_PROCESSED, now);
                    }
                }
            }
            case DECLINED -> transition(r, "AmazonRejected".equals(d.reasonCode())
                    ? States.RefundEvent.DECLINE_AMAZON_REJECTED : States.RefundEvent.DECLINE_PROCESSING_FAILURE, now);
            case UNKNOWN -> schedule(new Timer(Timer.Kind.DECIDE_REFUND, r.id, now.plus(ctx.pendingDelay())));
        }
    }

    // ------------------------------------------------------------------ buyer actions

    /** The buyer chose a shipping address in the AddressBook widget (Draft only). */
    public void selectAddress(Address address, Instant now) {
        if (state != States.OrderReferenceState.Draft) throw notModifiable();
        shippingAddress = address;
    }

    /**
     * The buyer chose a payment method in the Wallet widget. In Draft it is simply the order's method;
     * after a decline (Suspended) it is recorded, and the seller's next ConfirmOrderReference moves the
     * order back to Open (the guide's synchronous decline flow).
     */
    public void selectPaymentMethod(PaymentInstrument instrument, Instant now) {
        if (state == States.OrderReferenceState.Draft) {
            paymentMethod = instrument;
            return;
        }
        if (state != States.OrderReferenceState.Suspended) {
            throw new PaymentException(ErrorCode.PaymentMethodNotUpdated, "OrderReference " + id + " is in state " + state
                    + "; the payment method can only be changed while it is Draft or Suspended.");
        }
        paymentMethod = instrument;
        paymentMethodReselected = true;
    }

    /**
     * The buyer replaced a declined payment method outside the checkout (the buyer payments site, or the
     * sandbox's PaymentMethodUpdateTimeInMins): Suspended → Open at once, with its IPN and e-mail.
     */
    public void updatePaymentMethod(PaymentInstrument instrument, Instant now) {
        if (state != States.OrderReferenceState.Suspended) {
            throw new PaymentException(ErrorCode.PaymentMethodNotUpdated, "OrderReference " + id + " is in state " + state
                    + "; only a Suspended order reference (after a declined authorization) takes a new payment method.");
        }
        if (instrument != null) paymentMethod = instrument;
        paymentMethodReselected = false;
        transition(States.OrderReferenceEvent.PAYMENT_METHOD_UPDATED, now);
        emit(DomainEvent.Type.EMAIL_PAYMENT_INFORMATION_UPDATED, id, now);
    }

    // ------------------------------------------------------------------ timers

    /** Runs a due timer at its due time; a timer that no longer applies does nothing. */
    public void fire(Timer t, Context ctx) {
        Instant now = ctx.now();
        switch (t.kind()) {
            case STALE_DRAFT -> {
                if (state == States.OrderReferenceState.Draft) transition(States.OrderReferenceEvent.STALE, now);
            }
            case EXPIRE_ORDER_REFERENCE -> tryTransition(States.OrderReferenceEvent.EXPIRE, now);
            case IMMEDIATE_AUTHORIZATION_WINDOW -> {
                if (state == States.OrderReferenceState.Open && authorizations.isEmpty()) tryTransition(States.OrderReferenceEvent.AMAZON_CLOSE, now);
            }
            case PAYMENT_METHOD_UPDATE -> {
                if (state == States.OrderReferenceState.Suspended) updatePaymentMethod(null, now);
            }
            case DECIDE_AUTHORIZATION -> authorization(t.targetId())
                    .filter(a -> a.state == States.AuthorizationState.Pending).ifPresent(a -> decideAuthorization(a, ctx, false));
            case TIME_OUT_AUTHORIZATION -> authorization(t.targetId())
                    .filter(a -> a.state == States.AuthorizationState.Pending).ifPresent(a -> transition(a, States.AuthorizationEvent.TIME_OUT, now));
            case EXPIRE_AUTHORIZATION -> authorization(t.targetId())
                    .filter(a -> a.state == States.AuthorizationState.Open).ifPresent(a -> transition(a, States.AuthorizationEvent.EXPIRE_UNUSED, now));
            case DECIDE_CAPTURE -> capture(t.targetId()).filter(c -> c.state == States.CaptureState.Pending)
                    .ifPresent(c -> decideCapture(authorization(c.authorizationId).orElseThrow(), c, ctx));
            case DECIDE_REFUND -> refund(t.targetId()).filter(r -> r.state == States.RefundState.Pending)
                    .ifPresent(r -> decideRefund(capture(r.captureId).orElseThrow(), r, ctx));
        }
    }

    // ------------------------------------------------------------------ helpers

    private void requireCurrency(Money amount, String field) {
        if (orderTotal == null) {
            throw new PaymentException(ErrorCode.InvalidOrderReferenceStatus, "OrderReference " + id + " has no OrderTotal.");
        }
        if (amount.currency() != orderTotal.currency()) {
            throw new PaymentException(ErrorCode.CurrencyMismatch, field + ".CurrencyCode " + amount.currency()
                    + " does not match the currency of OrderReference " + id + " (" + orderTotal.currency() + ").");
        }
    }

    private static void requireTransactionAmount(Money amount, String field) {
        if (!amount.isPositive()) {
            throw PaymentException.invalidParameter(field + ".Amount must be greater than 0, got " + amount.toPlainString());
        }
        Money max = Limits.maxTransaction(amount.currency());
        if (amount.greaterThan(max)) {
            throw new PaymentException(ErrorCode.TransactionAmountExceeded, field + ".Amount " + amount.toPlainString() + " "
                    + amount.currency() + " is above the maximum of " + max.toPlainString() + " per transaction.");
        }
    }

    /** A reference id used in this aggregate by another kind of transaction. */
    private void requireUnusedHere(String referenceId, String field) {
        for (Authorization a : authorizations) {
            if (a.referenceId.equals(referenceId) && !field.equals("AuthorizationReferenceId")) {
                throw duplicateReference(field, referenceId);
            }
            for (Capture c : a.captures) {
                if (c.referenceId.equals(referenceId) && c.fingerprint != null && !field.equals("CaptureReferenceId")) {
                    throw duplicateReference(field, referenceId);
                }
                for (Refund r : c.refunds) {
                    if (r.referenceId.equals(referenceId) && !field.equals("RefundReferenceId")) throw duplicateReference(field, referenceId);
                }
            }
        }
    }

    private static PaymentException duplicateRequest(String field, String referenceId) {
        return new PaymentException(ErrorCode.DuplicateRequest, "The " + field + " " + referenceId
                + " has already been processed with different parameters.");
    }

    /** The reference id names another transaction. */
    public static PaymentException duplicateReference(String field, String referenceId) {
        return new PaymentException(ErrorCode.DuplicateReferenceId, "The " + field + " " + referenceId
                + " has already been used for another transaction; reference ids must be unique for each of your transactions.");
    }

    private static PaymentException invalidTransactionId(String id) {
        return new PaymentException(ErrorCode.InvalidTransactionId, "The transaction id " + id + " is invalid.");
    }

    private String softDescriptor(String requested, Context ctx) {
        if (requested != null && !requested.isEmpty()) return "AMZ*" + requested;
        String name = storeName != null ? storeName : ctx.seller().storeName();
        if (name == null) name = "";
        return "AMZ*" + (name.length() > 16 ? name.substring(0, 16) : name);
    }

    private String newDigits(RandomGenerator random) {
        while (true) {
            String d = String.format("%06d", random.nextInt(1_000_000));
            String suffix = d;
            boolean used = authorizations.stream().anyMatch(a -> a.id.endsWith(suffix)
                    || a.captures.stream().anyMatch(c -> c.id.endsWith(suffix) || c.refunds.stream().anyMatch(r -> r.id.endsWith(suffix))));
            if (!used) return d;
        }
    }
}
