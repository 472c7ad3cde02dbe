package dev.offpay.core;

import java.util.Map;
import java.util.Set;

/**
 * A sandbox simulation string from a note field (spec §12, guide "Sandbox simulations"). Only valid
 * State/ReasonCode combinations for the carrying operation are accepted; anything else is
 * InvalidSandboxSimulationSpecified.
 */
public record Simulation(String state, String reasonCode, String constraint, Integer paymentMethodUpdateTimeInMins,
                         Integer expirationTimeInMins, Boolean softDecline) {

    /** The operation whose note field carried the simulation. */
    public enum Carrier { ORDER_REFERENCE_NOTE, CLOSE_ORDER_REFERENCE, AUTHORIZE, CAPTURE, REFUND }

    private static final Map<Carrier, Set<String>> VALID = Map.of(
            Carrier.ORDER_REFERENCE_NOTE, Set.of("Constraint:PaymentMethodNotAllowed"),
            Carrier.CLOSE_ORDER_REFERENCE, Set.of("Closed:AmazonClosed"),
            Carrier.AUTHORIZE, Set.of("Declined:InvalidPaymentMethod", "Declined:AmazonRejected", "Declined:TransactionTimedOut",
                    "Closed:ExpiredUnused", "Closed:AmazonClosed"),
            Carrier.CAPTURE, Set.of("Pending:", "Declined:AmazonRejected", "Closed:AmazonClosed"),
            Carrier.REFUND, Set.of("Declined:AmazonRejected"));

    /** True when the text is meant as a simulation (it names SandboxSimulation). */
    public static boolean isSimulation(String note) {
        return note != null && note.contains("SandboxSimulation");
    }

    /**
     * Parses the note of a sandbox call. Returns null when the note is not a simulation.
     *
     * @throws PaymentException InvalidSandboxSimulationSpecified for malformed or invalid simulations
     */
    @SuppressWarnings("unchecked")
    public static Simulation parse(String note, Carrier carrier) {
        if (!isSimulation(note)) return null;
        Object root;
        try {
            root = LenientJson.parse(note);
        } catch (IllegalArgumentException e) {
            throw invalid("The simulation string is not valid JSON (" + e.getMessage() + "): " + note);
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("SandboxSimulation") instanceof Map<?, ?> simRaw)) {
            throw invalid("Expected {\"SandboxSimulation\": {...}} but got: " + note);
        }
        Map<String, Object> sim = (Map<String, Object>) simRaw;
        Map<String, Object> outer = (Map<String, Object>) top;
        String state = text(sim, outer, "State");
        String reason = text(sim, outer, "ReasonCode");
        String constraint = text(sim, outer, "Constraint");
        String key = constraint != null ? "Constraint:" + constraint : (state == null ? "" : state) + ":" + (reason == null ? "" : reason);
        if (!VALID.get(carrier).contains(key)) {
            throw invalid("The simulation " + describe(state, reason, constraint) + " cannot be used in "
                    + carrierField(carrier) + "; valid there: " + VALID.get(carrier).stream()
                    .map(v -> v.startsWith("Constraint:") ? "Constraint " + v.substring(11) : v.replace(":", "/").replaceAll("/$", ""))
                    .sorted().toList());
        }
        Integer updateMins = minutes(sim, outer, "PaymentMethodUpdateTimeInMins", 1, 240);
        Integer expirationMins = minutes(sim, outer, "ExpirationTimeInMins", 1, 60);
        Boolean soft = null;
        Object sd = first(sim, outer, "SoftDecline");
        if (sd != null) {
            if (sd instanceof Boolean b) soft = b;
            else if ("true".equalsIgnoreCase(sd.toString())) soft = true;
            else if ("false".equalsIgnoreCase(sd.toString())) soft = false;
            else throw invalid("SoftDecline must be \"true\" or \"false\", got \"" + sd + "\"");
        }
        return new Simulation(state, reason, constraint, updateMins, expirationMins, soft);
    }

    private static String describe(String state, String reason, String constraint) {
        if (constraint != null) return "Constraint " + constraint;
        return "State " + state + (reason == null ? "" : " with ReasonCode " + reason);
    }

    private static String carrierField(Carrier c) {
        return switch (c) {
            case ORDER_REFERENCE_NOTE -> "SellerNote";
            case CLOSE_ORDER_REFERENCE -> "the ClosureReason of CloseOrderReference";
            case AUTHORIZE -> "SellerAuthorizationNote";
            case CAPTURE -> "SellerCaptureNote";
            case REFUND -> "SellerRefundNote";
        };
    }

    private static Object first(Map<String, Object> sim, Map<String, Object> outer, String key) {
        return sim.containsKey(key) ? sim.get(key) : outer.get(key);
    }

    private static String text(Map<String, Object> sim, Map<String, Object> outer, String key) {
        Object v = first(sim, outer, key);
        return v == null ? null : v.toString();
    }

    private static Integer minutes(Map<String, Object> sim, Map<String, Object> outer, String key, int min, int max) {
        Object v = first(sim, outer, key);
        if (v == null) return null;
        int n;
        try {
            n = Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw invalid(key + " must be a whole number of minutes between " + min + " and " + max + ", got \"" + v + "\"");
        }
        if (n < min || n > max) {
            throw invalid(key + " must be between " + min + " and " + max + " minutes, got " + n);
        }
        return n;
    }

    private static PaymentException invalid(String message) {
        return new PaymentException(ErrorCode.InvalidSandboxSimulationSpecified, message);
    }
}
