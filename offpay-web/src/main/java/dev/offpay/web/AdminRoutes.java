package dev.offpay.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offpay.core.PaymentException;
import dev.offpay.core.Region;
import dev.offpay.core.Seller;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The admin API (bearer OFFPAY_ADMIN_TOKEN): creates and configures sellers. */
public final class AdminRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private AdminRoutes() {
    }

    public static void register(Javalin app, WebContext web) {
        app.post("/admin/v1/sellers", ctx -> {
            authorize(ctx, web);
            JsonNode b = body(ctx);
            Seller s = newSeller(region(b, Region.US), text(b, "storeName", "Offpay Test Store"));
            s = applySettings(s, b);
            web.store().saveSeller(s);
            ctx.status(201).json(view(s, true));
        });
        app.get("/admin/v1/sellers/{id}", ctx -> {
            authorize(ctx, web);
            ctx.json(view(find(web, ctx.pathParam("id")), false));
        });
        app.patch("/admin/v1/sellers/{id}", ctx -> {
            authorize(ctx, web);
            Seller s = applySettings(find(web, ctx.pathParam("id")), body(ctx));
            web.store().saveSeller(s);
            ctx.json(view(s, false));
        });
        app.post("/admin/v1/sellers/{id}/mws-auth-tokens", ctx -> {
            authorize(ctx, web);
            Seller s = find(web, ctx.pathParam("id"));
            JsonNode b = body(ctx);
            String developer = text(b, "developerId", null);
            if (developer == null) throw PaymentException.invalidParameter("expected {\"developerId\": \"<the solution provider's SellerId>\"}");
            String token = "amzn.mws." + UUID.randomUUID();
            web.store().saveSeller(s.withGrant(new Seller.MwsAuthGrant(token, developer)));
            ctx.status(201).json(Map.of("sellerId", s.id(), "developerId", developer, "mwsAuthToken", token));
        });
    }

    /** A new seller with fresh id and keys. */
    public static Seller newSeller(Region region, String storeName) {
        return Seller.create(randomId("A", 14), randomId("AKIA", 20), randomSecret(), region, storeName);
    }

    private static Seller find(WebContext web, String id) {
        return web.store().sellerById(id).orElseThrow(() -> new NotFoundResponse("no seller " + id));
    }

    private static void authorize(Context ctx, WebContext web) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedResponse("expected Authorization: Bearer <OFFPAY_ADMIN_TOKEN>");
        }
        if (!MessageDigest.isEqual(h.substring(7).trim().getBytes(StandardCharsets.UTF_8), web.adminToken().getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenResponse("the admin token is wrong");
        }
    }

    private static JsonNode body(Context ctx) throws Exception {
        String b = ctx.body();
        JsonNode n = b == null || b.isBlank() ? JSON.createObjectNode() : JSON.readTree(b);
        if (!n.isObject()) throw PaymentException.invalidParameter("the body must be a JSON object");
        return n;
    }

    private static String text(JsonNode b, String name, String dflt) {
        return b.hasNonNull(name) ? b.get(name).asText() : dflt;
    }

    private static Region region(JsonNode b, Region dflt) {
        if (!b.hasNonNull("region")) return dflt;
        Region r = Region.parse(b.get("region").asText());
        if (r == null) throw PaymentException.invalidParameter("region \"" + b.get("region").asText() + "\" is invalid; expected US, UK, DE or JP");
        return r;
    }

    private static Seller applySettings(Seller s, JsonNode b) {
        String ipn = text(b, "ipnUrl", null);
        Seller out = s.withSettings(region(b, s.region()), text(b, "storeName", s.storeName()),
                text(b, "ipnUrlSandbox", ipn != null ? ipn : s.ipnUrlSandbox()),
                text(b, "ipnUrlLive", ipn != null ? ipn : s.ipnUrlLive()),
                b.hasNonNull("vatRegistered") ? b.get("vatRegistered").asBoolean() : s.vatRegistered(),
                text(b, "customerServiceEmail", s.customerServiceEmail()),
                text(b, "customerServicePhone", s.customerServicePhone()),
                b.hasNonNull("active") ? b.get("active").asBoolean() : s.active());
        return out;
    }

    private static Map<String, Object> view(Seller s, boolean withSecret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sellerId", s.id());
        m.put("accessKey", s.accessKey());
        if (withSecret) m.put("secretKey", s.secretKey());
        m.put("region", s.region().name());
        m.put("storeName", s.storeName());
        m.put("ipnUrlSandbox", s.ipnUrlSandbox());
        m.put("ipnUrlLive", s.ipnUrlLive());
        m.put("vatRegistered", s.vatRegistered());
        m.put("customerServiceEmail", s.customerServiceEmail());
        m.put("customerServicePhone", s.customerServicePhone());
        m.put("active", s.active());
        return m;
    }

    /** {@code prefix} followed by random upper-case letters and digits, {@code length} characters in all. */
    static String randomId(String prefix, int length) {
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() < length) {
            sb.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return sb.toString();
    }

    /** A random secret of 40 URL-safe characters (seller secret keys, the admin token). */
    public static String randomSecret() {
        byte[] b = new byte[30];
        RANDOM.nextBytes(b);
        return java.util.Base64.getEncoder().encodeToString(b).replace('/', 'x').replace('+', 'y');
    }
}
