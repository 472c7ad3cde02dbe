package dev.offpay.core;

/** Decides the outcome of payment transactions (port; the sandbox and live processors implement it). */
public interface Processor {
    Decision authorize(OrderReference orderReference, Authorization authorization);

    Decision capture(OrderReference orderReference, Authorization authorization, Capture capture);

    Decision refund(OrderReference orderReference, Capture capture, Refund refund);
}
