package dev.offpay.web;

import dev.offpay.core.AccessTokens;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Store;
import dev.offpay.core.TestBuyerDirectory;

import java.time.Clock;

/**
 * What the web features need from the composition root. Each feature registers its routes with
 * {@code register(Javalin app, WebContext ctx)}.
 *
 * @param publicUrl base URL clients and browsers see, without trailing slash (e.g. http://localhost:8080)
 */
public record WebContext(PaymentService payments, Store store, TestBuyerDirectory testBuyers, AccessTokens accessTokens,
                         Clock clock, String publicUrl, String adminToken) {
}
