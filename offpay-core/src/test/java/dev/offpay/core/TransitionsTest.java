package dev.offpay.core;

import dev.offpay.core.States.AuthorizationEvent;
import dev.offpay.core.States.AuthorizationState;
import dev.offpay.core.States.CaptureEvent;
import dev.offpay.core.States.CaptureState;
import dev.offpay.core.States.OrderReferenceEvent;
import dev.offpay.core.States.OrderReferenceState;
import dev.offpay.core.States.RefundEvent;
import dev.offpay.core.States.RefundState;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Walks every (state, event) pair of the four transition tables and compares it with a matrix
 * written here from spec §7 and the Integration Guide ("to simulate various object states"), not
 * copied from {@link States}. A pair missing from a matrix must have no rule.
 */
class TransitionsTest {

    // One line per allowed pair: "From EVENT -> To [ReasonCode]".
    private static final List<String> ORDER_REFERENCE = List.of(
            // Draft: confirmed by the seller; canceled when not confirmed within 3 h; the guide lets
            // the seller cancel a Draft, Open or Suspended order reference.
            "Draft CONFIRM -> Open",
            "Draft STALE -> Canceled Stale",
            "Draft SELLER_CANCEL -> Canceled SellerCanceled",
            // Open
            "Open DECLINED_INVALID_PAYMENT_METHOD -> Suspended InvalidPaymentMethod",
            "Open SELLER_CANCEL -> Canceled SellerCanceled",
            "Open AMAZON_CANCEL -> Canceled AmazonCanceled",
            "Open SELLER_CLOSE -> Closed SellerClosed",
            "Open AMAZON_CLOSE -> Closed AmazonClosed",
            "Open EXPIRE -> Closed Expired",
            "Open MAX_AMOUNT_CHARGED -> Closed MaxAmountCharged",
            "Open MAX_AUTHORIZATIONS_CAPTURED -> Closed MaxAuthorizationsCaptured",
            // Seen right after an order reference's single authorization: needs a new authorization,
            // which a Suspended order reference cannot take.
            "Open MAX_AUTHORIZATIONS_PROCESSED -> Closed MaxAuthorizationsProcessed",
            // Suspended: back to Open when the buyer fixes the payment method; cancel and close as
            // Open; existing Open authorizations can still be captured, so the charge limits apply.
            "Suspended PAYMENT_METHOD_UPDATED -> Open",
            "Suspended SELLER_CANCEL -> Canceled SellerCanceled",
            "Suspended AMAZON_CANCEL -> Canceled AmazonCanceled",
            "Suspended SELLER_CLOSE -> Closed SellerClosed",
            "Suspended AMAZON_CLOSE -> Closed AmazonClosed",
            "Suspended EXPIRE -> Closed Expired",
            "Suspended MAX_AMOUNT_CHARGED -> Closed MaxAmountCharged",
            "Suspended MAX_AUTHORIZATIONS_CAPTURED -> Closed MaxAuthorizationsCaptured");

    private static final List<String> AUTHORIZATION = List.of(
            "Pending APPROVE -> Open",
            "Pending DECLINE_INVALID_PAYMENT_METHOD -> Declined InvalidPaymentMethod",
            "Pending DECLINE_AMAZON_REJECTED -> Declined AmazonRejected",
            "Pending DECLINE_PROCESSING_FAILURE -> Declined ProcessingFailure",
            "Pending TIME_OUT -> Declined TransactionTimedOut",
            // CloseAuthorization: Pending/Open -> Closed/SellerClosed; canceling the order reference
            // closes its Pending and Open authorizations; Amazon may close a held authorization.
            "Pending SELLER_CLOSE -> Closed SellerClosed",
            "Pending AMAZON_CLOSE -> Closed AmazonClosed",
            "Pending ORDER_REFERENCE_CANCELED -> Closed OrderReferenceCanceled",
            "Open CAPTURE -> Closed MaxCapturesProcessed",
            "Open SELLER_CLOSE -> Closed SellerClosed",
            "Open EXPIRE_UNUSED -> Closed ExpiredUnused",
            "Open AMAZON_CLOSE -> Closed AmazonClosed",
            "Open ORDER_REFERENCE_CANCELED -> Closed OrderReferenceCanceled");

    private static final List<String> CAPTURE = List.of(
            "Pending COMPLETE -> Completed",
            "Pending DECLINE_AMAZON_REJECTED -> Declined AmazonRejected",
            "Pending DECLINE_PROCESSING_FAILURE -> Declined ProcessingFailure",
            "Completed MAX_AMOUNT_REFUNDED -> Closed MaxAmountRefunded",
            "Completed MAX_REFUNDS_PROCESSED -> Closed MaxRefundsProcessed",
            "Completed AMAZON_CLOSE -> Closed AmazonClosed");

    private static final List<String> REFUND = List.of(
            "Pending COMPLETE -> Completed",
            "Pending DECLINE_AMAZON_REJECTED -> Declined AmazonRejected",
            "Pending DECLINE_PROCESSING_FAILURE -> Declined ProcessingFailure");

    /** Reason codes spec §7 lists per state (StopShipmentAtypicalAuth is informational, not a transition). */
    private static final Map<String, Set<String>> ORO_REASONS = Map.of(
            "Suspended", Set.of("InvalidPaymentMethod"),
            "Canceled", Set.of("SellerCanceled", "Stale", "AmazonCanceled"),
            "Closed", Set.of("SellerClosed", "Expired", "MaxAmountCharged", "MaxAuthorizationsCaptured", "AmazonClosed",
                    "MaxAuthorizationsProcessed"));
    private static final Map<String, Set<String>> AUTH_REASONS = Map.of(
            "Declined", Set.of("InvalidPaymentMethod", "AmazonRejected", "ProcessingFailure", "TransactionTimedOut"),
            "Closed", Set.of("MaxCapturesProcessed", "SellerClosed", "ExpiredUnused", "AmazonClosed", "OrderReferenceCanceled"));
    private static final Map<String, Set<String>> CAPTURE_REASONS = Map.of(
            "Declined", Set.of("AmazonRejected", "ProcessingFailure"),
            "Closed", Set.of("MaxAmountRefunded", "MaxRefundsProcessed", "AmazonClosed"));
    private static final Map<String, Set<String>> REFUND_REASONS = Map.of(
            "Declined", Set.of("AmazonRejected", "ProcessingFailure"));

    private record Expected(String to, String reason) {
    }

    private static Map<String, Expected> parse(List<String> lines) {
        Map<String, Expected> m = new HashMap<>();
        for (String line : lines) {
            String[] halves = line.split(" -> ");
            String[] to = halves[1].split(" ");
            if (m.put(halves[0], new Expected(to[0], to.length > 1 ? to[1] : null)) != null) fail("duplicate expectation " + line);
        }
        return m;
    }

    private static <S extends Enum<S>, E extends Enum<E>> void walk(String name, TransitionTable<S, E> table, Class<S> states,
                                                                    Class<E> events, List<String> expectedLines) {
        Map<String, Expected> expected = parse(expectedLines);
        List<String> mismatches = new ArrayList<>();
        int pairs = 0;
        for (S s : states.getEnumConstants()) {
            for (E e : events.getEnumConstants()) {
                pairs++;
                String key = s.name() + " " + e.name();
                Optional<TransitionTable.Target<S>> actual = table.next(s, e);
                Expected want = expected.remove(key);
                if (want == null) {
                    actual.ifPresent(t -> mismatches.add(key + ": expected no rule, table has -> " + t.state() + " " + t.reason()));
                } else if (actual.isEmpty()) {
                    mismatches.add(key + ": expected -> " + want.to() + " " + want.reason() + ", table has no rule");
                } else if (!actual.get().state().name().equals(want.to()) || !java.util.Objects.equals(actual.get().reason(), want.reason())) {
                    mismatches.add(key + ": expected -> " + want.to() + " " + want.reason() + ", table has -> "
                            + actual.get().state() + " " + actual.get().reason());
                }
            }
        }
        assertTrue(expected.isEmpty(), name + ": expectations name unknown states/events: " + expected.keySet());
        assertTrue(mismatches.isEmpty(), name + " differs from spec §7 in:\n  " + String.join("\n  ", mismatches));
        assertEquals(states.getEnumConstants().length * events.getEnumConstants().length, pairs);
        assertEquals(expectedLines.size(), table.lines().size(), name + ": one table line per rule");
    }

    @Test
    void orderReferenceTableMatchesSpecForEveryPair() {
        walk("order reference", States.ORDER_REFERENCE, OrderReferenceState.class, OrderReferenceEvent.class, ORDER_REFERENCE);
    }

    @Test
    void authorizationTableMatchesSpecForEveryPair() {
        walk("authorization", States.AUTHORIZATION, AuthorizationState.class, AuthorizationEvent.class, AUTHORIZATION);
    }

    @Test
    void captureTableMatchesSpecForEveryPair() {
        walk("capture", States.CAPTURE, CaptureState.class, CaptureEvent.class, CAPTURE);
    }

    @Test
    void refundTableMatchesSpecForEveryPair() {
        walk("refund", States.REFUND, RefundState.class, RefundEvent.class, REFUND);
    }

    // ------------------------------------------------------------------ structure

    private static <S extends Enum<S>, E extends Enum<E>> Set<S> withOutgoing(TransitionTable<S, E> t) {
        Set<S> s = new HashSet<>();
        t.lines().forEach(r -> s.add(r.from()));
        return s;
    }

    @Test
    void terminalStatesHaveNoOutgoingRules() {
        Set<OrderReferenceState> oro = withOutgoing(States.ORDER_REFERENCE);
        assertTrue(!oro.contains(OrderReferenceState.Canceled) && !oro.contains(OrderReferenceState.Closed), oro.toString());
        Set<AuthorizationState> auth = withOutgoing(States.AUTHORIZATION);
        assertTrue(!auth.contains(AuthorizationState.Declined) && !auth.contains(AuthorizationState.Closed), auth.toString());
        // A capture's Completed state is not final: refunds can close it. Declined and Closed are.
        Set<CaptureState> cap = withOutgoing(States.CAPTURE);
        assertEquals(EnumSet.of(CaptureState.Pending, CaptureState.Completed), cap);
        for (var r : States.CAPTURE.lines()) {
            if (r.from() == CaptureState.Completed) assertEquals(CaptureState.Closed, r.to(), r.toString());
        }
        assertEquals(EnumSet.of(RefundState.Pending), withOutgoing(States.REFUND));
    }

    @Test
    void everyRuleChangesStateAndCarriesAReasonExactlyWhenTheSpecHasOne() {
        check(States.ORDER_REFERENCE, ORO_REASONS);
        check(States.AUTHORIZATION, AUTH_REASONS);
        check(States.CAPTURE, CAPTURE_REASONS);
        check(States.REFUND, REFUND_REASONS);
    }

    private static <S extends Enum<S>, E extends Enum<E>> void check(TransitionTable<S, E> t, Map<String, Set<String>> reasons) {
        Set<String> used = new HashSet<>();
        for (var r : t.lines()) {
            assertTrue(r.from() != r.to(), "no self-loop: " + r);
            Set<String> allowed = reasons.get(r.to().name());
            if (allowed == null) {
                assertEquals(null, r.reason(), "states without reason codes get none: " + r);
            } else {
                assertTrue(allowed.contains(r.reason()), r + " uses a reason spec §7 does not list for " + r.to());
                used.add(r.to().name() + "/" + r.reason());
            }
        }
        // Every reason code of spec §7 can be reached by some rule.
        for (var e : reasons.entrySet()) {
            for (String reason : e.getValue()) {
                assertTrue(used.contains(e.getKey() + "/" + reason), "no rule enters " + e.getKey() + "/" + reason);
            }
        }
    }

    @Test
    void everyStateIsReachableFromTheInitialState() {
        assertEquals(EnumSet.allOf(OrderReferenceState.class), reachable(States.ORDER_REFERENCE, OrderReferenceState.Draft));
        assertEquals(EnumSet.allOf(AuthorizationState.class), reachable(States.AUTHORIZATION, AuthorizationState.Pending));
        assertEquals(EnumSet.allOf(CaptureState.class), reachable(States.CAPTURE, CaptureState.Pending));
        assertEquals(EnumSet.allOf(RefundState.class), reachable(States.REFUND, RefundState.Pending));
    }

    private static <S extends Enum<S>, E extends Enum<E>> Set<S> reachable(TransitionTable<S, E> t, S start) {
        Set<S> seen = new HashSet<>(Set.of(start));
        Deque<S> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            S s = todo.pop();
            for (var r : t.lines()) {
                if (r.from() == s && seen.add(r.to())) todo.push(r.to());
            }
        }
        return seen;
    }

    @Test
    void aTableRejectsTwoRulesForOnePair() {
        var b = TransitionTable.<RefundState, RefundEvent>builder(RefundState.class)
                .rule(RefundState.Pending, RefundEvent.COMPLETE, RefundState.Completed, null)
                .rule(RefundState.Pending, RefundEvent.COMPLETE, RefundState.Declined, "AmazonRejected");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("Pending"), e.getMessage());
    }

    @Test
    void wireNamesAreTheEnumNames() {
        assertEquals(List.of("Draft", "Open", "Suspended", "Canceled", "Closed"),
                java.util.Arrays.stream(OrderReferenceState.values()).map(Enum::name).toList());
        assertEquals(List.of("Pending", "Open", "Declined", "Closed"),
                java.util.Arrays.stream(AuthorizationState.values()).map(Enum::name).toList());
        assertEquals(List.of("Pending", "Declined", "Completed", "Closed"),
                java.util.Arrays.stream(CaptureState.values()).map(Enum::name).toList());
        assertEquals(List.of("Pending", "Declined", "Completed"),
                java.util.Arrays.stream(RefundState.values()).map(Enum::name).toList());
    }
}
