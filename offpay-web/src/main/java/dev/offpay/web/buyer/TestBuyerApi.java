package dev.offpay.web.buyer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offpay.core.Address;
import dev.offpay.core.PaymentException;
import dev.offpay.core.PaymentInstrument;
import dev.offpay.core.Seller;
import dev.offpay.core.TestBuyer;
import dev.offpay.core.TestBuyers;
import dev.offpay.web.SandboxAuth;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * POST /sandbox/v1/test-buyers creates a sandbox test buyer for the authenticated seller;
 * GET lists them (never with passwords).
 */
final class TestBuyerApi {
    private final BuyerWeb b;

    TestBuyerApi(BuyerWeb b) {
        this.b = b;
    }

    void register(Javalin app) {
        app.post("/sandbox/v1/test-buyers", this::create);
        app.get("/sandbox/v1/test-buyers", this::list);
    }

    private void list(Context ctx) {
        Seller seller = SandboxAuth.seller(ctx, b.web.store());
        List<Map<String, Object>> out = new ArrayList<>();
        for (TestBuyer t : b.buyers.list(seller)) out.add(render(t));
        ctx.json(Map.of("testBuyers", out, "defaultPassword", TestBuyers.DEFAULT_PASSWORD));
    }

    private void create(Context ctx) throws Exception {
        Seller seller = SandboxAuth.seller(ctx, b.web.store());
        String raw = ctx.body();
        JsonNode n = raw == null || raw.isBlank() ? Html.JSON.createObjectNode() : Html.JSON.readTree(raw);
        if (!n.isObject()) throw PaymentException.invalidParameter("the body must be a JSON object");
        String email = text(n, "email");
        String password = text(n, "password");
        if (email == null) throw PaymentException.invalidParameter("email is required");
        if (password == null) throw PaymentException.invalidParameter("password is required");
        String name = text(n, "name");
        TestBuyer template = TestBuyers.defaultBuyer(seller.region());
        // Omitted lists take the region's default buyer's; an explicit [] means none.
        List<Address> addresses = n.has("addresses") ? addresses(n.get("addresses"), "addresses") : template.addresses();
        List<PaymentInstrument> instruments = n.has("instruments") ? instruments(n.get("instruments")) : template.instruments();
        Address billing = n.hasNonNull("billingAddress") ? address(n.get("billingAddress"), "billingAddress") : template.billingAddress();
        TestBuyer created = b.buyers.create(seller, new TestBuyer(email, password, name == null ? email : name, text(n, "phone"),
                addresses, instruments, billing));
        ctx.status(201).json(render(created));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() && !v.isNumber()) throw PaymentException.invalidParameter(field + " must be a string");
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private static List<Address> addresses(JsonNode n, String field) {
        if (!n.isArray()) throw PaymentException.invalidParameter(field + " must be an array of addresses");
        List<Address> l = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) l.add(address(n.get(i), field + "[" + i + "]"));
        return l;
    }

    private static Address address(JsonNode a, String field) {
        if (!a.isObject()) throw PaymentException.invalidParameter(field + " must be an object");
        Address addr = new Address(text(a, "name"), text(a, "addressLine1"), text(a, "addressLine2"), text(a, "addressLine3"),
                text(a, "city"), text(a, "county"), text(a, "district"), text(a, "stateOrRegion"), text(a, "postalCode"),
                upper(text(a, "countryCode")), text(a, "phone"));
        if (addr.countryCode() == null || addr.countryCode().length() != 2) {
            throw PaymentException.invalidParameter(field + ".countryCode must be a two-letter country code (e.g. \"GB\")");
        }
        if (addr.addressLine1() == null && addr.city() == null) {
            throw PaymentException.invalidParameter(field + " needs at least addressLine1 or city");
        }
        return addr;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static List<PaymentInstrument> instruments(JsonNode n) {
        if (!n.isArray()) throw PaymentException.invalidParameter("instruments must be an array");
        List<PaymentInstrument> l = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode p = n.get(i);
            String f = "instruments[" + i + "]";
            if (!p.isObject()) throw PaymentException.invalidParameter(f + " must be an object");
            String typeName = text(p, "typeName");
            String tail = text(p, "tail");
            if (tail == null) tail = text(p, "number");
            String type = p.hasNonNull("type") ? upper(text(p, "type")) : "CC";
            if (typeName == null) throw PaymentException.invalidParameter(f + ".typeName is required (e.g. \"Visa\")");
            if (tail == null || !tail.matches("[0-9]{4}")) throw PaymentException.invalidParameter(f + ".tail must be the last four digits");
            if (!List.of("CC", "DC", "DD").contains(type)) throw PaymentException.invalidParameter(f + ".type must be CC, DC or DD");
            PaymentInstrument.Behaviour behaviour = null;
            String bh = text(p, "behaviour");
            if (bh != null) {
                try {
                    behaviour = PaymentInstrument.Behaviour.valueOf(bh);
                } catch (IllegalArgumentException e) {
                    throw PaymentException.invalidParameter(f + ".behaviour must be one of " + List.of(PaymentInstrument.Behaviour.values()));
                }
            }
            String id = type.toLowerCase(Locale.ROOT) + "-" + tail;
            if (l.stream().anyMatch(x -> x.instrumentId().equals(id))) throw PaymentException.invalidParameter(f + " repeats " + type + " " + tail);
            l.add(new PaymentInstrument(id, typeName, tail, type, behaviour));
        }
        return l;
    }

    private static Map<String, Object> render(TestBuyer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("email", t.email());
        m.put("name", t.name());
        m.put("phone", t.phone());
        m.put("addresses", t.addresses());
        List<Map<String, Object>> pis = new ArrayList<>();
        for (PaymentInstrument pi : t.instruments()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("instrumentId", pi.instrumentId());
            p.put("typeName", pi.typeName());
            p.put("tail", pi.tail());
            p.put("type", pi.type());
            p.put("behaviour", pi.behaviour() == null ? null : pi.behaviour().name());
            pis.add(p);
        }
        m.put("instruments", pis);
        m.put("billingAddress", t.billingAddress());
        return m;
    }
}
