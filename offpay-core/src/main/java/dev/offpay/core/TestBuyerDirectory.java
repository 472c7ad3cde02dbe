package dev.offpay.core;

import java.util.List;
import java.util.Optional;

/** The sandbox test buyers a seller's buyer pages and sandbox helpers can use (port). */
public interface TestBuyerDirectory {

    /** The seller's test buyers, the default first. */
    List<TestBuyer> list(Seller seller);

    default Optional<TestBuyer> find(Seller seller, String email) {
        return list(seller).stream().filter(b -> b.email().equalsIgnoreCase(email)).findFirst();
    }

    /** Only the built-in buyers of the seller's region. */
    TestBuyerDirectory DEFAULTS = seller -> TestBuyers.defaults(seller.region());
}
