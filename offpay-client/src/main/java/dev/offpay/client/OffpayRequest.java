package dev.offpay.client;

import java.util.Map;

/** A typed CV1 request: its operation name and its operation parameters (the common ones are added when sent). */
public interface OffpayRequest {

    /** The {@code Action} parameter, e.g. {@code Authorize}. */
    String action();

    /** The operation's own parameters in wire form, e.g. {@code AuthorizationAmount.Amount=100.00}. */
    Map<String, String> toParameters();
}
