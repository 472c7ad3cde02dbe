package dev.offpay.web.buyer;

import dev.offpay.core.Authorization;
import dev.offpay.core.CallContext;
import dev.offpay.core.Constraint;
import dev.offpay.core.CurrencyCode;
import dev.offpay.core.Environment;
import dev.offpay.core.Money;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentException;
import dev.offpay.core.Seller;
import dev.offpay.core.States.AuthorizationState;
import dev.offpay.core.States.OrderReferenceState;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sample merchant checkout at /sandbox/demo, built the way the Integration Guide builds one: cart with
 * the Button widget → AddressBook and Wallet → review with read-only widgets → place order (server side:
 * SetOrderReferenceDetails, ConfirmOrderReference, synchronous Authorize) → confirmation with the seller's
 * order number and the Amazon order reference id. Query flags: sellerId, addressBook=false (no AddressBook),
 * design=smartphone (smartphoneCollapsible widgets).
 */
final class DemoShop {
    private static final String ITEM = "Casad '2Jours Bonheur' Satchel";

    private final BuyerWeb b;

    DemoShop(BuyerWeb b) {
        this.b = b;
    }

    void register(Javalin app) {
        app.get("/sandbox/demo", this::cart);
        app.get("/sandbox/demo/checkout", this::checkout);
        app.get("/sandbox/demo/review", this::review);
        app.post("/sandbox/demo/place", this::place);
        app.get("/sandbox/demo/confirmation", this::confirmation);
    }

    /** The flags a demo page carries to the next. */
    private record Flags(Seller seller, boolean addressBook, boolean smartphone) {
        String query() {
            return "sellerId=" + Html.url(seller.id()) + (addressBook ? "" : "&addressBook=false") + (smartphone ? "&design=smartphone" : "");
        }

        String designMode() {
            return smartphone ? "smartphoneCollapsible" : "responsive";
        }

        String widgetsJs() {
            return "/OffAmazonPayments/" + seller.region().name().toLowerCase(java.util.Locale.ROOT) + "/sandbox/js/Widgets.js?sellerId=" + Html.url(seller.id());
        }
    }

    private Optional<Flags> flags(Context ctx) {
        String sellerId = param(ctx, "sellerId");
        Optional<Seller> s = sellerId != null ? b.seller(sellerId) : b.web.store().sellers().stream().filter(Seller::active).findFirst();
        if (s.isEmpty()) {
            ctx.status(404).html(Html.page("Offpay demo shop", "<main><div class=\"alert\" role=\"alert\">"
                    + (sellerId == null ? "There is no seller yet: create one with POST /admin/v1/sellers." : "Unknown seller " + Html.esc(sellerId) + ".")
                    + "</div></main>"));
            return Optional.empty();
        }
        return Optional.of(new Flags(s.get(), !"false".equals(param(ctx, "addressBook")), "smartphone".equals(param(ctx, "design"))));
    }

    private static String param(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null) v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static Money total(Seller s) {
        CurrencyCode c = s.region().currency();
        return Money.parse(c, c == CurrencyCode.JPY ? "19900" : "199.00");
    }

    private static String amount(Money m) {
        return m.toPlainString() + " " + m.currency();
    }

    private String page(Flags f, String step, String body, String script) {
        String head = "<script src=\"" + f.widgetsJs() + "\"></script><style>" + SHOP_CSS + "</style>";
        String html = "<div class=\"shop\"><a href=\"/sandbox/demo?" + f.query() + "\" class=\"logo\">Court &amp; Cherry</a>"
                + "<span class=\"crumbs\">HOME › SHOPPING CART › CHECKOUT</span><span class=\"step\">" + Html.esc(step) + "</span></div>"
                + "<div class=\"sandbox\">Offpay sample checkout (sandbox) — seller " + Html.esc(f.seller().id()) + "</div>"
                + "<main>" + body
                + "<div class=\"debug\"><label for=\"errorCode\">Debug Error Code:</label><div id=\"errorCode\" data-testid=\"error-code\"></div>"
                + "<label for=\"errorMessage\">Debug Error Message:</label><div id=\"errorMessage\" data-testid=\"error-message\"></div></div>"
                + "</main><script>window.demoEvents={addressSelect:0,paymentSelect:0,error:0};"
                + "function showError(error){window.demoEvents.error++;document.getElementById('errorCode').textContent=error.getErrorCode();"
                + "document.getElementById('errorMessage').textContent=error.getErrorMessage();}\n" + script + "</script>";
        return Html.page("Court & Cherry — " + step, head, html);
    }

    private static final String SHOP_CSS = """
            .shop{display:flex;gap:16px;align-items:baseline;padding:12px 16px;border-bottom:2px solid #333}
            .shop .logo{font-family:Georgia,serif;font-size:22px;color:#333;text-decoration:none}
            .shop .crumbs{color:#777;font-size:12px}
            .shop .step{margin-left:auto;font-weight:bold}
            .cols{display:flex;flex-wrap:wrap;gap:24px}
            .widget-box{width:400px;height:228px;max-width:100%}
            .widget-box.read{height:185px}
            .summary{border:1px solid #ddd;padding:12px;min-width:240px}
            .debug{margin-top:32px;color:#555;font-size:12px}
            .debug label{display:inline;font-weight:normal}
            .debug div{display:inline-block;margin-right:16px;color:#c40000}
            @media (max-width:600px){.widget-box{width:100%;height:auto}}
            """;

    private String summary(Seller s) {
        return "<div class=\"summary\"><h2>Order summary</h2><p>" + Html.esc(ITEM) + "<br><i>Color: Sandstorm</i></p>"
                + "<p>Items: 1 · Delivery: Free</p><p><b>Total: <span data-testid=\"order-total\">" + Html.esc(amount(total(s)))
                + "</span></b></p></div>";
    }

    // ------------------------------------------------------------------ 1. cart

    private void cart(Context ctx) {
        Optional<Flags> of = flags(ctx);
        if (of.isEmpty()) return;
        Flags f = of.get();
        String body = "<h1>Shopping cart</h1><div class=\"cols\"><div>" + summary(f.seller()) + "</div><div>"
                + "<p>Check out with your Amazon account:</p><div id=\"payWithAmazonDiv\"></div>"
                + (f.addressBook() ? "" : "<p class=\"hint\">This checkout does not use the Amazon AddressBook (useAmazonAddressBook: false).</p>")
                + "</div></div>";
        String script = "new OffAmazonPayments.Widgets.Button({sellerId:" + Html.scriptJson(f.seller().id())
                + (f.addressBook() ? "" : ",useAmazonAddressBook:false")
                + ",design:{size:'large',color:'orange'}"
                + ",onSignIn:function(orderReference){window.location='/sandbox/demo/checkout?" + f.query()
                + "&session='+encodeURIComponent(orderReference.getAmazonOrderReferenceId());},onError:showError}).bind('payWithAmazonDiv');";
        ctx.html(page(f, "Cart", body, script));
    }

    // ------------------------------------------------------------------ 2. address and payment method

    private void checkout(Context ctx) {
        Optional<Flags> of = flags(ctx);
        if (of.isEmpty()) return;
        Flags f = of.get();
        String id = param(ctx, "session");
        String declined = "1".equals(param(ctx, "declined"))
                ? "<div class=\"alert\" role=\"alert\">Your payment method was declined. Please choose another payment method.</div>" : "";
        String body = "<h1>Checkout</h1>" + declined + "<div class=\"cols\"><div>"
                + (f.addressBook() ? "<h2>Delivery address</h2><div id=\"addressBookWidgetDiv\" class=\"widget-box\"></div>" : "")
                + "<h2>Payment information</h2><div id=\"walletWidgetDiv\" class=\"widget-box\"></div>"
                + "<p><button type=\"button\" id=\"continue\" disabled>Continue</button></p></div>" + summary(f.seller()) + "</div>";
        String sellerId = Html.scriptJson(f.seller().id());
        String oro = Html.scriptJson(id);
        String script = "var oro=" + oro + ",addressChosen=" + (!f.addressBook()) + ",paymentChosen=false,walletShown=false;"
                + "function update(){document.getElementById('continue').disabled=!(addressChosen&&paymentChosen);}"
                + "function showWallet(){walletShown=true;new OffAmazonPayments.Widgets.Wallet({sellerId:" + sellerId + ",amazonOrderReferenceId:oro,"
                + "design:{designMode:'" + f.designMode() + "'},onPaymentSelect:function(){demoEvents.paymentSelect++;paymentChosen=true;update();},onError:showError}).bind('walletWidgetDiv');}"
                + (f.addressBook()
                ? "new OffAmazonPayments.Widgets.AddressBook({sellerId:" + sellerId + ",amazonOrderReferenceId:oro,design:{designMode:'" + f.designMode()
                + "'},onAddressSelect:function(){demoEvents.addressSelect++;addressChosen=true;paymentChosen=false;update();if(!walletShown)showWallet();},onError:showError}).bind('addressBookWidgetDiv');"
                : "showWallet();")
                + "document.getElementById('continue').addEventListener('click',function(){window.location='/sandbox/demo/review?" + f.query()
                + "&session='+encodeURIComponent(oro);});";
        ctx.html(page(f, "Address and payment", body, script));
    }

    // ------------------------------------------------------------------ 3. review

    private Optional<OrderReference> orderReference(Context ctx, Flags f) {
        String id = param(ctx, "session");
        try {
            return Optional.of(b.web.payments().getOrderReference(new CallContext(f.seller(), Environment.SANDBOX), id));
        } catch (PaymentException e) {
            ctx.status(404).html(page(f, "Error", "<div class=\"alert\" role=\"alert\">" + Html.esc(e.getMessage())
                    + "</div><p><a href=\"/sandbox/demo?" + f.query() + "\">Back to the cart</a></p>", ""));
            return Optional.empty();
        }
    }

    private void review(Context ctx) {
        Optional<Flags> of = flags(ctx);
        if (of.isEmpty()) return;
        Flags f = of.get();
        Optional<OrderReference> oo = orderReference(ctx, f);
        if (oo.isEmpty()) return;
        OrderReference oro = oo.get();
        CallContext call = new CallContext(f.seller(), Environment.SANDBOX);
        if (oro.state() == OrderReferenceState.Draft) {
            // As a merchant does on its review page: SetOrderReferenceDetails, then look at the constraints.
            oro = b.web.payments().setOrderReferenceDetails(call, oro.id(), attributes(f.seller(), oro));
        }
        StringBuilder constraints = new StringBuilder();
        for (Constraint c : oro.constraints()) {
            if (c.id().equals("AmountNotSet")) continue;
            constraints.append("<div class=\"alert\" role=\"alert\" data-constraint=\"").append(Html.esc(c.id())).append("\">")
                    .append(Html.esc(c.id())).append(": ").append(Html.esc(c.description())).append(" <a href=\"/sandbox/demo/checkout?")
                    .append(f.query()).append("&session=").append(Html.url(oro.id())).append("\">Change</a></div>");
        }
        String edit = "<a href=\"/sandbox/demo/checkout?" + f.query() + "&session=" + Html.url(oro.id()) + "\">Edit</a>";
        String body = "<h1>Review your order</h1>" + constraints + "<div class=\"cols\"><div>"
                + (oro.addressRequired() ? "<h2>Delivery address - " + edit + "</h2><div id=\"readOnlyAddressBookWidgetDiv\" class=\"widget-box read\"></div>" : "")
                + "<h2>Payment information - " + edit + "</h2><div id=\"readOnlyWalletWidgetDiv\" class=\"widget-box read\"></div>"
                + "<form method=\"post\" action=\"/sandbox/demo/place\"><input type=\"hidden\" name=\"session\" value=\"" + Html.esc(oro.id()) + "\">"
                + hidden(f) + "<p><button type=\"submit\" id=\"placeOrder\">Place order</button></p></form></div>" + summary(f.seller()) + "</div>";
        String sellerId = Html.scriptJson(f.seller().id());
        String id = Html.scriptJson(oro.id());
        String script = (oro.addressRequired() ? "new OffAmazonPayments.Widgets.AddressBook({sellerId:" + sellerId + ",amazonOrderReferenceId:" + id
                + ",displayMode:'Read',design:{designMode:'" + f.designMode() + "'},onError:showError}).bind('readOnlyAddressBookWidgetDiv');" : "")
                + "new OffAmazonPayments.Widgets.Wallet({sellerId:" + sellerId + ",amazonOrderReferenceId:" + id
                + ",displayMode:'Read',design:{designMode:'" + f.designMode() + "'},onError:showError}).bind('readOnlyWalletWidgetDiv');";
        ctx.html(page(f, "Review", body, script));
    }

    private static String hidden(Flags f) {
        return "<input type=\"hidden\" name=\"sellerId\" value=\"" + Html.esc(f.seller().id()) + "\">"
                + (f.addressBook() ? "" : "<input type=\"hidden\" name=\"addressBook\" value=\"false\">")
                + (f.smartphone() ? "<input type=\"hidden\" name=\"design\" value=\"smartphone\">" : "");
    }

    private static OrderReference.Attributes attributes(Seller s, OrderReference oro) {
        String sellerOrderId = oro.sellerOrderId() != null ? oro.sellerOrderId() : "CC-" + oro.id().substring(4).replace("-", "");
        return new OrderReference.Attributes(total(s), "For your order of " + ITEM + " in Sandstorm", null, sellerOrderId,
                "Court & Cherry (Offpay demo)", null, null, null, null, null, null);
    }

    // ------------------------------------------------------------------ 4. place order

    private void place(Context ctx) {
        Optional<Flags> of = flags(ctx);
        if (of.isEmpty()) return;
        Flags f = of.get();
        Optional<OrderReference> oo = orderReference(ctx, f);
        if (oo.isEmpty()) return;
        OrderReference oro = oo.get();
        CallContext call = new CallContext(f.seller(), Environment.SANDBOX);
        String back = "/sandbox/demo/review?" + f.query() + "&session=" + Html.url(oro.id());
        try {
            if (oro.state() == OrderReferenceState.Draft) {
                b.web.payments().setOrderReferenceDetails(call, oro.id(), attributes(f.seller(), oro));
                oro = b.web.payments().confirm(call, oro.id(), true);
            }
            if (oro.state() == OrderReferenceState.Open && oro.authorizations().stream().noneMatch(DemoShop::holdsFunds)) {
                String ref = "A" + oro.id().replace("-", "") + "x" + (oro.authorizations().size() + 1);
                // Synchronous mode (TransactionTimeout 0): the answer is Open or Declined right away.
                b.web.payments().authorize(call, oro.id(), new OrderReference.AuthorizeRequest(ref, oro.orderTotal(), null, 0, false, null));
            }
        } catch (PaymentException e) {
            ctx.html(page(f, "Review", "<h1>Review your order</h1><div class=\"alert\" role=\"alert\">" + Html.esc(e.code().name()) + ": "
                    + Html.esc(e.getMessage()) + "</div><p><a href=\"" + back + "\">Back to the review</a></p>", ""));
            return;
        }
        ctx.redirect("/sandbox/demo/confirmation?" + f.query() + "&session=" + Html.url(oro.id()));
    }

    private static boolean holdsFunds(Authorization a) {
        return a.state() == AuthorizationState.Open || a.state() == AuthorizationState.Pending
                || (a.state() == AuthorizationState.Closed && a.capturedAmount().isPositive());
    }

    // ------------------------------------------------------------------ 5. confirmation

    private void confirmation(Context ctx) {
        Optional<Flags> of = flags(ctx);
        if (of.isEmpty()) return;
        Flags f = of.get();
        Optional<OrderReference> oo = orderReference(ctx, f);
        if (oo.isEmpty()) return;
        OrderReference oro = oo.get();
        List<Authorization> auths = oro.authorizations();
        Authorization last = auths.isEmpty() ? null : auths.get(auths.size() - 1);
        StringBuilder h = new StringBuilder("<h1>Thank you for your order</h1>");
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Your order number", oro.sellerOrderId());
        rows.put("Amazon order reference", oro.id());
        rows.put("Order total", oro.orderTotal() == null ? null : amount(oro.orderTotal()));
        rows.put("Order reference status", oro.state().name() + (oro.status().reasonCode() == null ? "" : " (" + oro.status().reasonCode() + ")"));
        if (last != null) {
            rows.put("Amazon authorization", last.id());
            rows.put("Authorization status", last.state().name() + (last.status().reasonCode() == null ? "" : " (" + last.status().reasonCode() + ")"));
        }
        h.append("<table><tbody>");
        rows.forEach((k, v) -> h.append("<tr><th>").append(Html.esc(k)).append("</th><td data-testid=\"")
                .append(Html.esc(k.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'))).append("\">")
                .append(v == null ? "–" : Html.esc(v)).append("</td></tr>"));
        h.append("</tbody></table>");
        if (oro.state() == OrderReferenceState.Suspended) {
            h.append("<div class=\"alert\" role=\"alert\">Your payment was declined. Please update your payment method on the "
                    + "<a href=\"/buyer\" target=\"_blank\">Amazon Payments web site</a>, or <a href=\"/sandbox/demo/checkout?")
                    .append(f.query()).append("&session=").append(Html.url(oro.id())).append("&declined=1\">choose another payment method here</a>.</div>");
        } else if (oro.state() == OrderReferenceState.Open && last != null && last.state() == AuthorizationState.Declined) {
            h.append("<div class=\"alert\" role=\"alert\">The payment was declined (").append(Html.esc(last.status().reasonCode()))
                    .append(").</div>");
        }
        if (oro.state() == OrderReferenceState.Open && auths.stream().noneMatch(DemoShop::holdsFunds)) {
            h.append("<form method=\"post\" action=\"/sandbox/demo/place\"><input type=\"hidden\" name=\"session\" value=\"")
                    .append(Html.esc(oro.id())).append("\">").append(hidden(f))
                    .append("<p><button type=\"submit\" id=\"retryPayment\">Retry payment</button></p></form>");
        }
        h.append("<p><a href=\"/sandbox/demo?").append(f.query()).append("\">Continue shopping</a></p>");
        ctx.html(page(f, "Confirmation", h.toString(), ""));
    }
}
