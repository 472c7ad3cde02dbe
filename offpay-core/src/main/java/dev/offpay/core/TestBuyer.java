package dev.offpay.core;

import java.util.List;

/** A sandbox buyer account: sign-in credentials, address book and wallet. */
public record TestBuyer(String email, String password, String name, String phone, List<Address> addresses,
                        List<PaymentInstrument> instruments, Address billingAddress) {

    public TestBuyer {
        addresses = List.copyOf(addresses);
        instruments = List.copyOf(instruments);
    }

    public Buyer asBuyer() {
        return new Buyer(name, email, phone);
    }

    public boolean hasDirectDebit() {
        return instruments.stream().anyMatch(PaymentInstrument::isDirectDebit);
    }

    /** The instrument whose last digits are {@code tail}, if any. */
    public java.util.Optional<PaymentInstrument> instrumentByTail(String tail) {
        return instruments.stream().filter(i -> i.tail().equals(tail)).findFirst();
    }

    public java.util.Optional<PaymentInstrument> instrument(String instrumentId) {
        return instruments.stream().filter(i -> i.instrumentId().equals(instrumentId)).findFirst();
    }
}
