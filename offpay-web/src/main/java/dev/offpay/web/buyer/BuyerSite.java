package dev.offpay.web.buyer;

import dev.offpay.core.CallContext;
import dev.offpay.core.Environment;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentException;
import dev.offpay.core.PaymentInstrument;
import dev.offpay.core.Seller;
import dev.offpay.core.States.OrderReferenceState;
import dev.offpay.core.TestBuyer;
import dev.offpay.store.JdbcAccessTokens.Kind;
import dev.offpay.store.JdbcAccessTokens.Token;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The buyer payments site (the sandbox's "Amazon Payments web site"): a test buyer signs in, sees their
 * payments per seller, and replaces a declined payment method, which moves a Suspended order reference
 * back to Open (the IPN and the buyer e-mail follow from the domain events).
 */
final class BuyerSite {
    private static final String COOKIE = "offpay_buyer_site";
    private static final Duration SESSION_TTL = Duration.ofHours(8);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final BuyerWeb b;

    BuyerSite(BuyerWeb b) {
        this.b = b;
    }

    void register(Javalin app) {
        app.get("/buyer", this::home);
        app.post("/buyer/signin", this::signIn);
        app.post("/buyer/signout", this::signOut);
        app.get("/buyer/orders/{sellerId}/{env}/{id}", this::order);
        app.post("/buyer/orders/{sellerId}/{env}/{id}/payment-method", this::updatePaymentMethod);
    }

    /** A signed-in buyer: the e-mail and the sellers whose test buyer they proved to be. */
    private record Session(String email, Set<String> sellerIds) {
    }

    private Optional<Session> session(Context ctx) {
        return b.tokens.find(Kind.SESSION, ctx.cookie(COOKIE)).map(t -> new Session(t.buyerEmail(), t.scopes()));
    }

    private void home(Context ctx) {
        Optional<Session> s = session(ctx);
        if (s.isEmpty()) {
            ctx.html(signInPage(null));
            return;
        }
        StringBuilder h = new StringBuilder(top(s.get()));
        h.append("<h1>Your payments</h1>");
        for (Seller seller : sellers(s.get())) {
            List<OrderReference> orders = new ArrayList<>();
            for (Environment env : Environment.values()) orders.addAll(b.buyers.orderReferencesOf(seller, env, s.get().email(), 100));
            h.append("<section><h2>").append(Html.esc(storeName(seller))).append(" <span class=\"tag\">").append(Html.esc(seller.id()))
                    .append("</span></h2>");
            if (orders.isEmpty()) {
                h.append("<p class=\"hint\">No payments with this seller yet.</p></section>");
                continue;
            }
            h.append("<table><thead><tr><th>Date</th><th>Order reference</th><th>Amount</th><th>Payment method</th><th>Status</th><th></th></tr></thead><tbody>");
            for (OrderReference o : orders) {
                String link = "/buyer/orders/" + Html.url(seller.id()) + "/" + BuyerWeb.envName(o.environment()) + "/" + Html.url(o.id());
                boolean declined = o.state() == OrderReferenceState.Suspended;
                h.append("<tr><td>").append(DATE.format(o.created())).append("</td><td>").append(Html.esc(o.id()))
                        .append(o.environment().isSandbox() ? "" : " <span class=\"tag\">Live</span>")
                        .append("</td><td>").append(o.orderTotal() == null ? "–" : Html.esc(o.orderTotal().toPlainString() + " " + o.orderTotal().currency()))
                        .append("</td><td>").append(o.paymentMethod() == null ? "–" : Html.esc(WidgetRoutes.label(o.paymentMethod())))
                        .append(declined ? "<span class=\"tag declined\">Declined</span>" : "")
                        .append("</td><td>").append(Html.esc(statusText(o))).append("</td><td><a href=\"").append(link).append("\">")
                        .append(declined ? "Update payment method" : "Details").append("</a></td></tr>");
            }
            h.append("</tbody></table></section>");
        }
        h.append("</main>");
        ctx.html(Html.page("Your payments", h.toString()));
    }

    private List<Seller> sellers(Session s) {
        List<Seller> l = new ArrayList<>();
        for (String id : s.sellerIds()) b.seller(id).ifPresent(l::add);
        return l;
    }

    private static String storeName(Seller s) {
        return s.storeName() == null || s.storeName().isBlank() ? "Seller " + s.id() : s.storeName();
    }

    private static String statusText(OrderReference o) {
        return switch (o.state()) {
            case Draft -> "Not placed yet";
            case Open -> o.isConfirmed() ? "Open" : "Open";
            case Suspended -> "Payment declined: action needed";
            case Canceled -> "Canceled";
            case Closed -> "Closed";
        };
    }

    private String top(Session s) {
        return "<div class=\"brand\"><span>amazon <span class=\"smile\">payments</span></span><span class=\"store\">"
                + Html.esc(s.email()) + " <form method=\"post\" action=\"/buyer/signout\" style=\"display:inline\">"
                + "<button type=\"submit\" style=\"padding:2px 8px;font-size:12px\">Sign out</button></form></span></div>"
                + "<div class=\"sandbox\">Sandbox (Offpay): test buyers only, no real payments</div><main>";
    }

    private String signInPage(String error) {
        StringBuilder h = new StringBuilder(SignInRoutes.header(null, Environment.SANDBOX));
        h.append("<main style=\"max-width:400px\"><h1>Sign in to see your payments</h1>");
        if (error != null) h.append("<div class=\"alert\" role=\"alert\">").append(Html.esc(error)).append("</div>");
        h.append("<form method=\"post\" action=\"/buyer/signin\">")
                .append("<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required autofocus>")
                .append("<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>")
                .append("<p><button type=\"submit\" style=\"width:100%\">Sign in</button></p></form></main>");
        return Html.page("Amazon Payments: Sign in", h.toString());
    }

    private void signIn(Context ctx) {
        String email = ctx.formParam("email");
        String password = ctx.formParam("password");
        Set<String> sellerIds = new LinkedHashSet<>();
        for (Seller seller : b.web.store().sellers()) {
            if (b.buyers.authenticate(seller, email, password).isPresent()) sellerIds.add(seller.id());
        }
        if (sellerIds.isEmpty()) {
            ctx.html(signInPage("Your email or password was incorrect. Please try again."));
            return;
        }
        Token t = b.tokens.issue(Kind.SESSION, "*", email.trim().toLowerCase(java.util.Locale.ROOT), null, sellerIds, null, SESSION_TTL);
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + t.value() + "; Path=/buyer; Max-Age=" + SESSION_TTL.toSeconds() + "; HttpOnly; SameSite=Lax");
        ctx.redirect("/buyer");
    }

    private void signOut(Context ctx) {
        b.tokens.revoke(ctx.cookie(COOKIE));
        ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/buyer; Max-Age=0; HttpOnly; SameSite=Lax");
        ctx.redirect("/buyer");
    }

    private record Order(Session session, Seller seller, TestBuyer buyer, CallContext call, OrderReference oro) {
    }

    /** The order of the signed-in buyer named by the path, or null after answering. */
    private Order order(Context ctx, Session s) {
        String sellerId = ctx.pathParam("sellerId");
        Seller seller = s.sellerIds().contains(sellerId) ? b.seller(sellerId).orElse(null) : null;
        Environment env = BuyerWeb.environment(ctx.pathParam("env"));
        OrderReference oro = null;
        TestBuyer buyer = null;
        if (seller != null) {
            buyer = b.buyers.find(seller, s.email()).orElse(null);
            oro = b.web.store().orderReference(seller.id(), env, ctx.pathParam("id"))
                    .filter(o -> s.email().equalsIgnoreCase(o.buyerId())).orElse(null);
        }
        if (oro == null || buyer == null) {
            ctx.status(404).html(Html.page("Not found", top(s) + "<div class=\"alert\" role=\"alert\">No such payment of yours.</div>"
                    + "<p><a href=\"/buyer\">Your payments</a></p></main>"));
            return null;
        }
        return new Order(s, seller, buyer, new CallContext(seller, env), oro);
    }

    private void order(Context ctx) {
        Optional<Session> s = session(ctx);
        if (s.isEmpty()) {
            ctx.redirect("/buyer");
            return;
        }
        Order o = order(ctx, s.get());
        if (o != null) ctx.html(orderPage(o, ctx.queryParam("updated") != null, null));
    }

    private String orderPage(Order o, boolean updated, String error) {
        OrderReference oro = o.oro();
        StringBuilder h = new StringBuilder(top(o.session()));
        h.append("<p><a href=\"/buyer\">← Your payments</a></p><h1>Payment to ").append(Html.esc(storeName(o.seller()))).append("</h1>");
        if (updated) h.append("<div class=\"ok\" role=\"status\">Your payment method was updated. The seller has been notified.</div>");
        if (error != null) h.append("<div class=\"alert\" role=\"alert\">").append(Html.esc(error)).append("</div>");
        h.append("<table><tbody>")
                .append(row("Order reference", oro.id()))
                .append(row("Seller order id", oro.sellerOrderId()))
                .append(row("Amount", oro.orderTotal() == null ? null : oro.orderTotal().toPlainString() + " " + oro.orderTotal().currency()))
                .append(row("Status", statusText(oro)))
                .append(row("Payment method", oro.paymentMethod() == null ? null : WidgetRoutes.label(oro.paymentMethod())))
                .append(row("Shipping address", oro.shippingAddress() == null ? null : oro.shippingAddress().oneLine()))
                .append("</tbody></table>");
        if (oro.state() == OrderReferenceState.Suspended) {
            String action = "/buyer/orders/" + Html.url(o.seller().id()) + "/" + BuyerWeb.envName(oro.environment()) + "/" + Html.url(oro.id()) + "/payment-method";
            h.append("<h2>Update your payment method</h2><div class=\"alert\" role=\"alert\">The payment method you chose for this order was declined. "
                    + "Choose another one to complete your payment.</div><form method=\"post\" action=\"").append(action)
                    .append("\"><fieldset style=\"border:0;padding:0\"><legend>Payment method</legend>");
            for (PaymentInstrument pi : o.buyer().instruments()) {
                boolean declined = pi.equals(oro.paymentMethod());
                String id = "pm-" + Html.esc(pi.instrumentId());
                h.append("<div><input type=\"radio\" name=\"instrumentId\" id=\"").append(id).append("\" value=\"").append(Html.esc(pi.instrumentId()))
                        .append("\"").append(declined ? " disabled" : "").append("> <label for=\"").append(id)
                        .append("\" style=\"display:inline;font-weight:normal\">").append(Html.esc(WidgetRoutes.label(pi)))
                        .append(declined ? " (Declined)" : "").append("</label></div>");
            }
            h.append("</fieldset><p><button type=\"submit\">Update payment method</button></p></form>");
        }
        h.append("</main>");
        return Html.page("Payment " + oro.id(), h.toString());
    }

    private static String row(String k, String v) {
        return "<tr><th>" + Html.esc(k) + "</th><td>" + (v == null ? "–" : Html.esc(v)) + "</td></tr>";
    }

    private void updatePaymentMethod(Context ctx) {
        Optional<Session> s = session(ctx);
        if (s.isEmpty()) {
            ctx.redirect("/buyer");
            return;
        }
        Order o = order(ctx, s.get());
        if (o == null) return;
        Optional<PaymentInstrument> pi = o.buyer().instrument(ctx.formParam("instrumentId"));
        if (pi.isEmpty()) {
            ctx.status(400).html(orderPage(o, false, "Choose one of your payment methods."));
            return;
        }
        try {
            b.web.payments().buyerUpdate(o.call(), o.oro().id(), (oro, now) -> oro.updatePaymentMethod(pi.get(), now));
        } catch (PaymentException e) {
            ctx.status(409).html(orderPage(o, false, "This payment cannot be changed any more: " + e.getMessage()));
            return;
        }
        ctx.redirect("/buyer/orders/" + Html.url(o.seller().id()) + "/" + BuyerWeb.envName(o.oro().environment()) + "/" + Html.url(o.oro().id()) + "?updated=1");
    }
}
