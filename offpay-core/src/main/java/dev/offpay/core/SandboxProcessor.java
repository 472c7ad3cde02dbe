package dev.offpay.core;

/**
 * Sandbox outcomes: simulation strings first, then the behaviour of the buyer's test instrument,
 * otherwise approval.
 */
public final class SandboxProcessor implements Processor {

    @Override
    public Decision authorize(OrderReference orderReference, Authorization authorization) {
        Simulation sim = authorization.simulation();
        if (sim != null && "Declined".equals(sim.state())) {
            boolean soft = sim.softDecline() == null || sim.softDecline();
            return Decision.declined(sim.reasonCode(), "InvalidPaymentMethod".equals(sim.reasonCode()) && soft);
        }
        if (sim != null) return Decision.APPROVED; // Closed simulations are applied after approval
        return LiveProcessor.byInstrument(orderReference.paymentMethod());
    }

    @Override
    public Decision capture(OrderReference orderReference, Authorization authorization, Capture capture) {
        Simulation sim = capture.simulation;
        if (sim != null && "Declined".equals(sim.state())) return Decision.declined(sim.reasonCode(), false);
        return Decision.APPROVED;
    }

    @Override
    public Decision refund(OrderReference orderReference, Capture capture, Refund refund) {
        Simulation sim = refund.simulation;
        if (sim != null && "Declined".equals(sim.state())) return Decision.declined(sim.reasonCode(), false);
        return Decision.APPROVED;
    }
}
