package dev.offpay.core;

import dev.offpay.core.Simulation.Carrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Simulation strings of spec §12 and the Integration Guide's "Sandbox simulations" tables. */
class SimulationTest {

    /** Every documented string, exactly as printed (spacing included), with its carrier. */
    private static final Map<String, Carrier> DOCUMENTED = Map.ofEntries(
            Map.entry("{\"SandboxSimulation\":{\"Constraint\":\"PaymentMethodNotAllowed\"}}", Carrier.ORDER_REFERENCE_NOTE),
            Map.entry("{\"SandboxSimulation\": {\"Constraint\": \"PaymentMethodNotAllowed\"}}", Carrier.ORDER_REFERENCE_NOTE),
            Map.entry("{\"SandboxSimulation\": {\"State\":\"Closed\", \"ReasonCode\":\"AmazonClosed\"}}", Carrier.CLOSE_ORDER_REFERENCE),
            Map.entry("{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"InvalidPaymentMethod\", \"PaymentMethodUpdateTimeInMins\": 5}}", Carrier.AUTHORIZE),
            Map.entry("{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"AmazonRejected\"}}", Carrier.AUTHORIZE),
            Map.entry("{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"TransactionTimedOut\"}}", Carrier.AUTHORIZE),
            Map.entry("{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"ExpiredUnused\", \"ExpirationTimeInMins\": 1}}", Carrier.AUTHORIZE),
            Map.entry("{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"AmazonClosed\"}}", Carrier.AUTHORIZE),
            Map.entry("{\"SandboxSimulation\": {\"State\": \"Pending\"}}", Carrier.CAPTURE),
            Map.entry("{\"SandboxSimulation\": {\"State\": \"Declined\"}, {\"ReasonCode\": \"AmazonRejected\"}}", Carrier.CAPTURE),
            Map.entry("{\"SandboxSimulation\": {\"State\": \"Closed\"}, {\"ReasonCode\": \"AmazonClosed\"}}", Carrier.CAPTURE),
            Map.entry("{\"SandboxSimulation\": {\"State\":\"Declined\",\"ReasonCode\":\"AmazonRejected\"}}", Carrier.REFUND));

    /** The valid (state, reason) pairs per carrier, written from the guide's tables. */
    private static final Map<Carrier, Set<String>> VALID = Map.of(
            Carrier.ORDER_REFERENCE_NOTE, Set.of("Constraint PaymentMethodNotAllowed"),
            Carrier.CLOSE_ORDER_REFERENCE, Set.of("Closed AmazonClosed"),
            Carrier.AUTHORIZE, Set.of("Declined InvalidPaymentMethod", "Declined AmazonRejected", "Declined TransactionTimedOut",
                    "Closed ExpiredUnused", "Closed AmazonClosed"),
            Carrier.CAPTURE, Set.of("Pending -", "Declined AmazonRejected", "Closed AmazonClosed"),
            Carrier.REFUND, Set.of("Declined AmazonRejected"));

    private static final String[] STATES = {"Draft", "Open", "Suspended", "Canceled", "Closed", "Pending", "Declined", "Completed", "-"};
    private static final String[] REASONS = {"-", "InvalidPaymentMethod", "AmazonRejected", "TransactionTimedOut", "ProcessingFailure",
            "ExpiredUnused", "AmazonClosed", "AmazonCanceled", "SellerClosed", "SellerCanceled", "MaxCapturesProcessed",
            "OrderReferenceCanceled", "MaxAmountRefunded", "MaxRefundsProcessed", "Stale", "Expired", "MaxAmountCharged"};

    private static String sim(String state, String reason) {
        StringBuilder sb = new StringBuilder("{\"SandboxSimulation\": {");
        List<String> members = new ArrayList<>();
        if (!state.equals("-")) members.add("\"State\": \"" + state + "\"");
        if (!reason.equals("-")) members.add("\"ReasonCode\": \"" + reason + "\"");
        return sb.append(String.join(", ", members)).append("}}").toString();
    }

    private static void assertInvalid(String note, Carrier carrier) {
        PaymentException e = assertThrows(PaymentException.class, () -> Simulation.parse(note, carrier), carrier + " " + note);
        assertEquals(ErrorCode.InvalidSandboxSimulationSpecified, e.code(), note);
        assertEquals(400, e.code().httpStatus());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void everyDocumentedStringParsesOnItsCarrier() {
        for (var e : DOCUMENTED.entrySet()) {
            Simulation s = Simulation.parse(e.getKey(), e.getValue());
            assertTrue(s != null, e.getKey());
        }
    }

    @Test
    void documentedStringsCarryTheirValues() {
        Simulation ipm = Simulation.parse("{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"InvalidPaymentMethod\", "
                + "\"PaymentMethodUpdateTimeInMins\": 5}}", Carrier.AUTHORIZE);
        assertEquals(new Simulation("Declined", "InvalidPaymentMethod", null, 5, null, null), ipm);
        Simulation exp = Simulation.parse("{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"ExpiredUnused\", "
                + "\"ExpirationTimeInMins\": 1}}", Carrier.AUTHORIZE);
        assertEquals(new Simulation("Closed", "ExpiredUnused", null, null, 1, null), exp);
        assertEquals(new Simulation(null, null, "PaymentMethodNotAllowed", null, null, null),
                Simulation.parse("{\"SandboxSimulation\":{\"Constraint\":\"PaymentMethodNotAllowed\"}}", Carrier.ORDER_REFERENCE_NOTE));
        assertEquals(new Simulation("Pending", null, null, null, null, null),
                Simulation.parse("{\"SandboxSimulation\": {\"State\": \"Pending\"}}", Carrier.CAPTURE));
    }

    @Test
    void theGuidesMalformedCaptureAndRefundFormIsAccepted() {
        String rejected = "{\"SandboxSimulation\": {\"State\": \"Declined\"}, {\"ReasonCode\": \"AmazonRejected\"}}";
        assertEquals(new Simulation("Declined", "AmazonRejected", null, null, null, null), Simulation.parse(rejected, Carrier.CAPTURE));
        assertEquals(new Simulation("Declined", "AmazonRejected", null, null, null, null), Simulation.parse(rejected, Carrier.REFUND));
        String closed = "{\"SandboxSimulation\": {\"State\": \"Closed\"}, {\"ReasonCode\": \"AmazonClosed\"}}";
        assertEquals(new Simulation("Closed", "AmazonClosed", null, null, null, null), Simulation.parse(closed, Carrier.CAPTURE));
        assertInvalid(closed, Carrier.REFUND);
    }

    @Test
    void everyStateAndReasonCombinationIsValidOnlyWhereTheGuideListsIt() {
        int valid = 0, invalid = 0;
        for (Carrier carrier : Carrier.values()) {
            for (String state : STATES) {
                for (String reason : REASONS) {
                    String note = sim(state, reason);
                    if (VALID.get(carrier).contains(state + " " + reason)) {
                        Simulation s = Simulation.parse(note, carrier);
                        assertEquals(state.equals("-") ? null : state, s.state(), note);
                        assertEquals(reason.equals("-") ? null : reason, s.reasonCode(), note);
                        valid++;
                    } else {
                        assertInvalid(note, carrier);
                        invalid++;
                    }
                }
            }
        }
        assertEquals(10, valid);
        assertTrue(invalid > 500);
    }

    @Test
    void constraintSimulationOnlyInTheSellerNote() {
        String c = "{\"SandboxSimulation\": {\"Constraint\": \"PaymentMethodNotAllowed\"}}";
        for (Carrier carrier : Carrier.values()) {
            if (carrier != Carrier.ORDER_REFERENCE_NOTE) assertInvalid(c, carrier);
        }
        assertInvalid("{\"SandboxSimulation\": {\"Constraint\": \"ShippingAddressNotSet\"}}", Carrier.ORDER_REFERENCE_NOTE);
        assertInvalid("{\"SandboxSimulation\": {\"Constraint\": \"AmountNotSet\"}}", Carrier.ORDER_REFERENCE_NOTE);
        assertInvalid("{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"AmazonClosed\"}}", Carrier.ORDER_REFERENCE_NOTE);
    }

    @Test
    void documentedStringsInTheWrongFieldAreInvalid() {
        int checked = 0;
        for (var e : DOCUMENTED.entrySet()) {
            Simulation own = Simulation.parse(e.getKey(), e.getValue());
            String key = own.constraint() != null ? "Constraint " + own.constraint()
                    : (own.state() == null ? "-" : own.state()) + " " + (own.reasonCode() == null ? "-" : own.reasonCode());
            for (Carrier other : Carrier.values()) {
                if (other == e.getValue()) continue;
                if (VALID.get(other).contains(key)) {
                    assertEquals(own, Simulation.parse(e.getKey(), other), "the same pair is documented for " + other);
                } else {
                    assertInvalid(e.getKey(), other);
                    checked++;
                }
            }
        }
        assertTrue(checked > 30);
    }

    @Test
    void paymentMethodUpdateTimeIsOneTo240Minutes() {
        for (int ok : new int[]{1, 5, 120, 240}) {
            assertEquals(ok, Simulation.parse(ipm(String.valueOf(ok)), Carrier.AUTHORIZE).paymentMethodUpdateTimeInMins());
        }
        assertEquals(7, Simulation.parse(ipm("\"7\""), Carrier.AUTHORIZE).paymentMethodUpdateTimeInMins(), "a JSON string is accepted");
        for (String bad : new String[]{"0", "241", "-1", "1000", "\"abc\"", "1.5", "true"}) assertInvalid(ipm(bad), Carrier.AUTHORIZE);
        assertNull(Simulation.parse(sim("Declined", "InvalidPaymentMethod"), Carrier.AUTHORIZE).paymentMethodUpdateTimeInMins());
    }

    private static String ipm(String minutes) {
        return "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"InvalidPaymentMethod\", \"PaymentMethodUpdateTimeInMins\": " + minutes + "}}";
    }

    @Test
    void expirationTimeIsOneTo60Minutes() {
        for (int ok : new int[]{1, 30, 60}) {
            assertEquals(ok, Simulation.parse(expiring(String.valueOf(ok)), Carrier.AUTHORIZE).expirationTimeInMins());
        }
        for (String bad : new String[]{"0", "61", "-5", "240", "\"soon\"", "null"}) {
            if (bad.equals("null")) {
                assertNull(Simulation.parse(expiring(bad), Carrier.AUTHORIZE).expirationTimeInMins(), "null is absent");
            } else {
                assertInvalid(expiring(bad), Carrier.AUTHORIZE);
            }
        }
    }

    private static String expiring(String minutes) {
        return "{\"SandboxSimulation\": {\"State\": \"Closed\", \"ReasonCode\": \"ExpiredUnused\", \"ExpirationTimeInMins\": " + minutes + "}}";
    }

    @Test
    void softDeclineIsTrueOrFalse() {
        String base = "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"InvalidPaymentMethod\", \"SoftDecline\": ";
        assertEquals(Boolean.TRUE, Simulation.parse(base + "\"true\"}}", Carrier.AUTHORIZE).softDecline());
        assertEquals(Boolean.FALSE, Simulation.parse(base + "\"false\"}}", Carrier.AUTHORIZE).softDecline());
        assertEquals(Boolean.FALSE, Simulation.parse(base + "false}}", Carrier.AUTHORIZE).softDecline());
        assertEquals(Boolean.TRUE, Simulation.parse(base + "\"TRUE\"}}", Carrier.AUTHORIZE).softDecline());
        assertInvalid(base + "\"maybe\"}}", Carrier.AUTHORIZE);
        assertInvalid(base + "1}}", Carrier.AUTHORIZE);
    }

    @Test
    void notesWithoutTheKeywordAreNoSimulation() {
        for (Carrier c : Carrier.values()) {
            assertNull(Simulation.parse(null, c));
            assertNull(Simulation.parse("", c));
            assertNull(Simulation.parse("Thanks for your order", c));
            assertNull(Simulation.parse("{\"State\": \"Declined\", \"ReasonCode\": \"AmazonRejected\"}", c));
        }
        assertFalse(Simulation.isSimulation(null));
        assertFalse(Simulation.isSimulation("sandbox simulation"));
        assertTrue(Simulation.isSimulation("please SandboxSimulation"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SandboxSimulation",
            "{\"SandboxSimulation\": ",
            "{\"SandboxSimulation\": \"Declined\"}",
            "{\"SandboxSimulation\": [\"Declined\"]}",
            "[{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"AmazonRejected\"}}]",
            "{\"SandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"AmazonRejected\"}",
            "{\"SandboxSimulation\": {}}",
            "{\"SandboxSimulation\": {\"State\": \"declined\", \"ReasonCode\": \"amazonrejected\"}}",
            "{\"SandboxSimulation\": {\"State\": \"Declined\"}}",
            "{\"SandboxSimulation\": {\"ReasonCode\": \"AmazonRejected\"}}",
            "{\"sandboxSimulation\": {\"State\": \"Declined\", \"ReasonCode\": \"AmazonRejected\"}, \"x\": \"SandboxSimulation\"}",
    })
    void malformedOrIncompleteSimulationsAreInvalid(String note) {
        for (Carrier c : Carrier.values()) assertInvalid(note, c);
    }

    @Test
    void theMessageNamesTheFieldAndTheValidChoices() {
        PaymentException e = assertThrows(PaymentException.class,
                () -> Simulation.parse(sim("Declined", "InvalidPaymentMethod"), Carrier.CAPTURE));
        assertTrue(e.getMessage().contains("SellerCaptureNote"), e.getMessage());
        assertTrue(e.getMessage().contains("Declined/AmazonRejected"), e.getMessage());
        assertTrue(e.getMessage().contains("Pending"), e.getMessage());
        PaymentException r = assertThrows(PaymentException.class, () -> Simulation.parse(sim("Pending", "-"), Carrier.REFUND));
        assertTrue(r.getMessage().contains("SellerRefundNote"), r.getMessage());
        if (!r.getMessage().contains("State Pending")) fail(r.getMessage());
    }
}
