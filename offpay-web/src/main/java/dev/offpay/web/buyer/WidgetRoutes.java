package dev.offpay.web.buyer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offpay.core.Address;
import dev.offpay.core.CallContext;
import dev.offpay.core.Constraint;
import dev.offpay.core.Environment;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentException;
import dev.offpay.core.PaymentInstrument;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Region;
import dev.offpay.core.Seller;
import dev.offpay.core.States.OrderReferenceState;
import dev.offpay.core.TestBuyer;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Widgets.js, the button image, and the AddressBook and Wallet frames with their JSON API. */
final class WidgetRoutes {
    private static final Pattern ORDER_REFERENCE_ID = Pattern.compile("[SP]0[0-9]-[0-9]{7}-[0-9]{7}");
    static final String TOKEN_COOKIE = "offpay_widget_token";

    private final BuyerWeb b;
    private final String widgetsJs = BuyerWeb.resource("Widgets.js");
    private final String frameJs = BuyerWeb.resource("widget-frame.js");

    WidgetRoutes(BuyerWeb b) {
        this.b = b;
    }

    void register(Javalin app) {
        app.get("/OffAmazonPayments/{region}/js/Widgets.js", ctx -> widgetsJs(ctx, false, false));
        app.get("/OffAmazonPayments/{region}/sandbox/js/Widgets.js", ctx -> widgetsJs(ctx, true, false));
        app.get("/OffAmazonPayments/{region}/lpa/js/Widgets.js", ctx -> widgetsJs(ctx, false, true));
        app.get("/OffAmazonPayments/{region}/sandbox/lpa/js/Widgets.js", ctx -> widgetsJs(ctx, true, true));
        app.get("/gp/widgets/button", ButtonImage::serve);
        app.get("/widgets/api/seller-status", this::sellerStatus);
        app.get("/widgets/assets/widget-frame.js", ctx -> ctx.contentType("application/javascript; charset=utf-8")
                .header("Cache-Control", "no-cache").result(frameJs));
        app.get("/widgets/addressbook", ctx -> frame(ctx, "addressbook"));
        app.get("/widgets/wallet", ctx -> frame(ctx, "wallet"));
        app.post("/widgets/api/state", ctx -> api(ctx, false));
        app.post("/widgets/api/select", ctx -> api(ctx, true));
    }

    // ------------------------------------------------------------------ Widgets.js

    private void widgetsJs(Context ctx, boolean sandbox, boolean lpa) {
        String region = BuyerWeb.lower(ctx.pathParam("region"));
        if (!List.of("us", "uk", "de", "jp", "eu", "na", "fe").contains(region)) {
            ctx.status(404).contentType("application/javascript").result("/* unknown region \"" + region.replace("*/", "")
                    + "\": use us, uk, de or jp */");
            return;
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("region", region);
        config.put("sandbox", sandbox);
        config.put("lpa", lpa);
        config.put("sellerId", ctx.queryParam("sellerId"));
        config.put("base", BuyerWeb.base(ctx));
        ctx.contentType("application/javascript; charset=utf-8")
                .header("Cache-Control", "no-cache")
                .header("Access-Control-Allow-Origin", "*")
                .result(widgetsJs.replace("/*@CONFIG@*/{}", Html.scriptJson(config)));
    }

    private void sellerStatus(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        Seller s = b.seller(ctx.queryParam("sellerId")).orElse(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", s != null);
        m.put("active", s != null && s.active());
        if (s != null) {
            m.put("storeName", s.storeName());
            m.put("region", s.region().name());
        }
        ctx.json(m);
    }

    // ------------------------------------------------------------------ frames

    private void frame(Context ctx, String kind) {
        String origin = ctx.queryParam("origin");
        if (!BuyerWeb.isOrigin(origin)) {
            ctx.status(400).html(Html.page("Amazon Pay", "<div class=\"alert\" role=\"alert\">" + Html.esc(WidgetError.MissingParameter.buyerMessage())
                    + "</div>"));
            return;
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("kind", kind);
        config.put("sellerId", ctx.queryParam("sellerId"));
        config.put("env", BuyerWeb.envName(BuyerWeb.environment(ctx.queryParam("env"))));
        config.put("origin", origin);
        config.put("widgetId", ctx.queryParam("widgetId"));
        config.put("displayMode", "Read".equals(ctx.queryParam("displayMode")) ? "Read" : "Edit");
        config.put("designMode", ctx.queryParamAsClass("designMode", String.class).getOrDefault("responsive"));
        config.put("orderReferenceId", ctx.queryParam("orderReferenceId"));
        config.put("create", "true".equals(ctx.queryParam("create")));
        config.put("useAmazonAddressBook", ctx.queryParam("useAmazonAddressBook"));
        config.put("unknownMessage", WidgetError.UnknownError.buyerMessage());
        String title = kind.equals("addressbook") ? "Amazon Pay address book" : "Amazon Pay wallet";
        ctx.header("Cache-Control", "no-store");
        ctx.html(Html.page(title, "<style>" + FRAME_CSS + "</style>",
                "<div id=\"widget\" class=\"widget " + kind + ("Read".equals(config.get("displayMode")) ? " read" : "")
                        + "\" aria-live=\"polite\"><p class=\"loading\">Loading…</p></div>"
                        + "<script type=\"application/json\" id=\"offpay-config\">" + Html.scriptJson(config) + "</script>"
                        + "<script src=\"/widgets/assets/widget-frame.js\"></script>"));
    }

    private static final String FRAME_CSS = """
            body{background:#fff}
            .widget{border:1px solid #ddd;border-radius:4px;padding:8px 10px;height:100vh;overflow:auto;font-size:13px}
            .title{font-weight:bold;display:flex;justify-content:space-between;align-items:center;margin-bottom:6px}
            .title .change{padding:3px 10px;font-size:12px}
            .selected{background:#f7f7f7;border-radius:3px;padding:6px 8px;margin-bottom:6px;line-height:1.35}
            fieldset.items{border:0;margin:0;padding:0;display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:4px 10px;min-width:0}
            fieldset.items legend{font-size:12px;color:#555;padding:0;margin-bottom:4px}
            label.item{min-width:0;display:flex;align-items:center;gap:5px;font-weight:normal;margin:0;padding:4px;border:1px solid transparent;border-radius:3px;cursor:pointer}
            label.item.checked{border-color:#e77600;background:#fef8f2}
            label.item .text{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:5em}
            .error{color:#c40000;padding:12px 4px;line-height:1.4}
            .notice{color:#a00;margin:4px 0}
            .none{color:#555}
            .footer{display:flex;justify-content:space-between;color:#777;font-size:11px;margin-top:8px}
            .footer .pay{font-weight:bold;color:#232f3e}
            .footer .env{color:#777}
            label.item .tag{flex:none}
            @media (max-width:399px){fieldset.items{grid-template-columns:minmax(0,1fr)}}
            """;

    // ------------------------------------------------------------------ state and selection

    private void api(Context ctx, boolean select) throws Exception {
        ctx.header("Cache-Control", "no-store");
        try {
            ctx.json(select ? select(ctx) : state(ctx));
        } catch (WidgetError.Failure f) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("code", f.error().name());
            err.put("message", f.getMessage());
            err.put("buyerMessage", f.error().buyerMessage());
            ctx.json(Map.of("error", err));
        }
    }

    private record Session(Seller seller, Environment env, TestBuyer buyer, JsonNode body) {
        CallContext call() {
            return new CallContext(seller, env);
        }
    }

    private Session session(Context ctx) throws Exception {
        String raw = ctx.body();
        JsonNode body = raw == null || raw.isBlank() ? Html.JSON.createObjectNode() : Html.JSON.readTree(raw);
        String sellerId = text(body, "sellerId");
        if (sellerId == null) throw WidgetError.MissingParameter.with("sellerId is missing.");
        Seller seller = b.seller(sellerId).orElseThrow(() -> WidgetError.InvalidSellerId.with("(\"" + sellerId + "\")"));
        if (!seller.active()) throw WidgetError.InvalidAccountStatus.with(null);
        Environment env = BuyerWeb.environment(text(body, "env"));
        String token = text(body, "token");
        if (token == null) token = ctx.cookie(TOKEN_COOKIE);
        TestBuyer buyer = b.buyerOfToken(token, seller).orElseThrow(() -> WidgetError.BuyerNotAssociated.with(
                "No signed-in buyer: sign in with the Button widget (or amazon.Login.authorize) first."));
        return new Session(seller, env, buyer, body);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }

    private Map<String, Object> state(Context ctx) throws Exception {
        Session s = session(ctx);
        String kind = text(s.body, "kind");
        boolean read = "Read".equals(text(s.body, "displayMode"));
        String id = text(s.body, "orderReferenceId");
        OrderReference oro;
        boolean created = false;
        if (id == null) {
            if (!s.body.path("create").asBoolean(false)) throw WidgetError.MissingParameter.with("amazonOrderReferenceId is missing.");
            boolean addressBook = s.body.path("useAmazonAddressBook").asBoolean(true);
            oro = b.web.payments().createDraft(s.call(), new PaymentService.DraftOptions(s.buyer, null, false, null, false, addressBook));
            created = true;
        } else {
            oro = load(s, id, kind, read);
        }
        if (!read) oro = preselect(s, kind, oro);
        return view(kind, oro, s.buyer, created);
    }

    private OrderReference load(Session s, String id, String kind, boolean read) {
        if (!ORDER_REFERENCE_ID.matcher(id).matches()) throw WidgetError.InvalidOrderReferenceId.with("(\"" + id + "\")");
        if (id.charAt(0) != s.env.orderReferencePrefix()) {
            throw WidgetError.ReleaseEnvironmentMismatch.with("Order reference " + id + " belongs to "
                    + (s.env.isSandbox() ? "Live" : "Sandbox") + " but the widget was loaded from the "
                    + (s.env.isSandbox() ? "Sandbox" : "Live") + " Widgets.js.");
        }
        OrderReference oro = b.web.store().orderReference(s.seller.id(), s.env, id)
                .orElseThrow(() -> WidgetError.InvalidOrderReferenceId.with("(\"" + id + "\")"));
        if (oro.buyerId() == null || !oro.buyerId().equalsIgnoreCase(s.buyer.email())) {
            throw WidgetError.BuyerNotAssociated.with("Order reference " + id + " belongs to another buyer.");
        }
        OrderReferenceState st = oro.state();
        if (st == OrderReferenceState.Canceled) {
            throw WidgetError.StaleOrderReference.with("Order reference " + id + " is Canceled ("
                    + oro.status().reasonCode() + ").");
        }
        if ("addressbook".equals(kind) && !oro.addressRequired()) {
            throw WidgetError.AddressBookWidgetNotApplicable.with("(order reference " + id + ")");
        }
        if (!read) {
            if ("addressbook".equals(kind) && st != OrderReferenceState.Draft) {
                throw WidgetError.AddressNotModifiable.with("Order reference " + id + " is " + st + ".");
            }
            if ("wallet".equals(kind) && st != OrderReferenceState.Draft && st != OrderReferenceState.Suspended) {
                throw WidgetError.PaymentMethodNotModifiable.with("Order reference " + id + " is " + st + ".");
            }
        }
        return oro;
    }

    /** An editable widget shown for the first time selects the buyer's default entry, as Amazon's do. */
    private OrderReference preselect(Session s, String kind, OrderReference oro) {
        if (oro.state() != OrderReferenceState.Draft) return oro;
        if ("addressbook".equals(kind) && oro.shippingAddress() == null && !s.buyer.addresses().isEmpty()) {
            Address a = s.buyer.addresses().get(0);
            return b.web.payments().buyerUpdate(s.call(), oro.id(), (o, now) -> o.selectAddress(a, now));
        }
        if ("wallet".equals(kind) && oro.paymentMethod() == null && !s.buyer.instruments().isEmpty()) {
            PaymentInstrument pi = s.buyer.instruments().stream()
                    .filter(i -> i.behaviour() == null).findFirst().orElse(s.buyer.instruments().get(0));
            return b.web.payments().buyerUpdate(s.call(), oro.id(), (o, now) -> o.selectPaymentMethod(pi, now));
        }
        return oro;
    }

    private Map<String, Object> select(Context ctx) throws Exception {
        Session s = session(ctx);
        String kind = text(s.body, "kind");
        String id = text(s.body, "orderReferenceId");
        if (id == null) throw WidgetError.MissingParameter.with("amazonOrderReferenceId is missing.");
        OrderReference oro = load(s, id, kind, false);
        try {
            if ("addressbook".equals(kind)) {
                int index = s.body.path("index").asInt(-1);
                if (index < 0 || index >= s.buyer.addresses().size()) throw WidgetError.InvalidParameterValue.with("address index " + index);
                Address a = s.buyer.addresses().get(index);
                oro = b.web.payments().buyerUpdate(s.call(), id, (o, now) -> o.selectAddress(a, now));
            } else {
                String instrumentId = text(s.body, "instrumentId");
                PaymentInstrument pi = s.buyer.instrument(instrumentId)
                        .orElseThrow(() -> WidgetError.InvalidParameterValue.with("payment method " + instrumentId));
                oro = b.web.payments().buyerUpdate(s.call(), id, (o, now) -> o.selectPaymentMethod(pi, now));
            }
        } catch (PaymentException e) {
            throw ("addressbook".equals(kind) ? WidgetError.AddressNotModifiable : WidgetError.PaymentMethodNotModifiable).with(e.getMessage());
        }
        return view(kind, oro, s.buyer, false);
    }

    // ------------------------------------------------------------------ what a frame shows

    static Map<String, Object> view(String kind, OrderReference oro, TestBuyer buyer, boolean created) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderReferenceId", oro.id());
        m.put("created", created);
        m.put("state", oro.state().name());
        List<Map<String, Object>> items = new ArrayList<>();
        if ("addressbook".equals(kind)) {
            for (int i = 0; i < buyer.addresses().size(); i++) {
                Address a = buyer.addresses().get(i);
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("key", i);
                item.put("summary", summary(a));
                item.put("lines", lines(a));
                item.put("selected", a.equals(oro.shippingAddress()));
                items.add(item);
            }
            if (oro.shippingAddress() != null && items.stream().noneMatch(i -> Boolean.TRUE.equals(i.get("selected")))) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("key", -1);
                item.put("summary", summary(oro.shippingAddress()));
                item.put("lines", lines(oro.shippingAddress()));
                item.put("selected", true);
                items.add(0, item);
            }
        } else {
            boolean suspended = oro.state() == OrderReferenceState.Suspended;
            boolean selectedNotAllowed = oro.constraints().contains(Constraint.PAYMENT_METHOD_NOT_ALLOWED);
            List<PaymentInstrument> all = new ArrayList<>(buyer.instruments());
            if (oro.paymentMethod() != null && all.stream().noneMatch(i -> i.equals(oro.paymentMethod()))) all.add(0, oro.paymentMethod());
            for (PaymentInstrument pi : all) {
                boolean selected = pi.equals(oro.paymentMethod());
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("key", pi.instrumentId());
                item.put("label", label(pi));
                item.put("selected", selected);
                item.put("declined", selected && suspended);
                item.put("notAllowed", pi.behaviour() == PaymentInstrument.Behaviour.PaymentMethodNotAllowed || (selected && selectedNotAllowed));
                items.add(item);
            }
            if (suspended) {
                m.put("notice", "Your payment method was declined. Please select a different payment method or update the declined one.");
            }
        }
        m.put("items", items);
        return m;
    }

    static String label(PaymentInstrument pi) {
        return pi.typeName() + " ..." + pi.tail();
    }

    static String summary(Address a) {
        StringBuilder sb = new StringBuilder();
        if (a.name() != null) sb.append(a.name());
        if (a.addressLine1() != null) sb.append(sb.length() > 0 ? ", " : "").append(a.addressLine1());
        if (a.city() != null) sb.append(sb.length() > 0 ? ", " : "").append(a.city());
        return sb.toString();
    }

    static List<String> lines(Address a) {
        List<String> l = new ArrayList<>();
        for (String s : new String[]{a.name(), a.addressLine1(), a.addressLine2(), a.addressLine3()}) {
            if (s != null && !s.isBlank()) l.add(s);
        }
        StringBuilder city = new StringBuilder();
        for (String s : new String[]{a.city(), a.stateOrRegion(), a.postalCode()}) {
            if (s != null && !s.isBlank()) city.append(city.length() > 0 ? (s == a.postalCode() ? " " : ", ") : "").append(s);
        }
        if (city.length() > 0) l.add(city.toString());
        if (a.countryCode() != null) l.add(country(a.countryCode()));
        if (a.phone() != null && !a.phone().isBlank()) l.add(a.phone());
        return l;
    }

    static String country(String code) {
        return switch (code) {
            case "US" -> "United States";
            case "GB" -> "United Kingdom";
            case "DE" -> "Deutschland";
            case "JP" -> "Japan";
            default -> code;
        };
    }

    static Region regionOf(String s) {
        Region r = Region.parse(s);
        return r == null ? Region.US : r;
    }
}
