package dev.offpay.web.buyer;

import dev.offpay.core.CallContext;
import dev.offpay.core.Environment;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Seller;
import dev.offpay.core.TestBuyer;
import dev.offpay.core.TestBuyers;
import dev.offpay.store.JdbcAccessTokens;
import dev.offpay.store.JdbcAccessTokens.Kind;
import dev.offpay.store.JdbcAccessTokens.Token;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The co-branded sign-in popup of the Button widget (/widgets/signin) and Login with Amazon:
 * authorize (/ap/oa, popup and redirect, response_type token or code), the token endpoint,
 * tokeninfo and the user profile.
 */
final class SignInRoutes {
    static final Duration ACCESS_TTL = Duration.ofHours(1);
    private static final Duration CODE_TTL = Duration.ofMinutes(5);
    private static final Duration REFRESH_TTL = Duration.ofDays(365);
    private static final Set<String> KNOWN_SCOPES = Set.of("profile", "profile:user_id", "postal_code", "payments:widget",
            "payments:shipping_address", "payments:billing_address");

    private final BuyerWeb b;

    SignInRoutes(BuyerWeb b) {
        this.b = b;
    }

    void register(Javalin app) {
        app.get("/widgets/signin", this::signInForm);
        app.post("/widgets/signin", this::signIn);
        app.get("/ap/oa", this::authorizeForm);
        app.post("/ap/oa", this::authorize);
        app.post("/auth/o2/token", this::token);
        app.get("/auth/o2/tokeninfo", this::tokenInfo);
        app.get("/user/profile", this::profile);
        app.options("/user/profile", ctx -> cors(ctx).status(204));
        app.options("/auth/o2/tokeninfo", ctx -> cors(ctx).status(204));
    }

    private static Context cors(Context ctx) {
        return ctx.header("Access-Control-Allow-Origin", "*").header("Access-Control-Allow-Headers", "Authorization, Content-Type");
    }

    // ------------------------------------------------------------------ Button sign-in

    private void signInForm(Context ctx) {
        Map<String, String> hidden = params(ctx, "sellerId", "env", "origin", "useAmazonAddressBook", "returnUrl");
        Optional<Seller> seller = b.seller(hidden.get("sellerId"));
        if (!validTarget(hidden.get("origin"), hidden.get("returnUrl"))) {
            ctx.status(400).html(errorPage("The sign-in window needs the origin of the page that opened it."));
            return;
        }
        if (seller.isEmpty()) {
            failToOpener(ctx, hidden, WidgetError.InvalidSellerId, "(\"" + hidden.get("sellerId") + "\")");
            return;
        }
        ctx.html(form(seller.get(), "/widgets/signin", hidden, null, List.of()));
    }

    private void signIn(Context ctx) {
        Map<String, String> hidden = params(ctx, "sellerId", "env", "origin", "useAmazonAddressBook", "returnUrl");
        Optional<Seller> found = b.seller(hidden.get("sellerId"));
        if (!validTarget(hidden.get("origin"), hidden.get("returnUrl"))) {
            ctx.status(400).html(errorPage("The sign-in window needs the origin of the page that opened it."));
            return;
        }
        if (found.isEmpty()) {
            failToOpener(ctx, hidden, WidgetError.InvalidSellerId, "(\"" + hidden.get("sellerId") + "\")");
            return;
        }
        Seller seller = found.get();
        if (!seller.active()) {
            failToOpener(ctx, hidden, WidgetError.InvalidAccountStatus, null);
            return;
        }
        Optional<TestBuyer> buyer = b.buyers.authenticate(seller, ctx.formParam("email"), ctx.formParam("password"));
        if (buyer.isEmpty()) {
            ctx.status(200).html(form(seller, "/widgets/signin", hidden, "Your email or password was incorrect. Please try again.", List.of()));
            return;
        }
        Environment env = BuyerWeb.environment(hidden.get("env"));
        boolean addressBook = !"false".equals(hidden.get("useAmazonAddressBook"));
        OrderReference oro = b.web.payments().createDraft(new CallContext(seller, env),
                new PaymentService.DraftOptions(buyer.get(), null, false, null, false, addressBook));
        Token t = b.tokens.issue(Kind.ACCESS, seller.id(), buyer.get().email(), null, Set.of("payments:widget"), null, ACCESS_TTL);
        setWidgetCookie(ctx, t.value());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("offpay", 1);
        message.put("kind", "signIn");
        message.put("orderReferenceId", oro.id());
        message.put("token", t.value());
        String redirect = hidden.get("returnUrl") == null ? null : withoutFragment(hidden.get("returnUrl"))
                + "#offpayOrderReferenceId=" + Html.url(oro.id()) + "&offpayToken=" + Html.url(t.value());
        ctx.html(done(hidden.get("origin"), message, redirect, "You are signed in. This window closes by itself."));
    }

    private static String withoutFragment(String url) {
        int i = url.indexOf('#');
        return i < 0 ? url : url.substring(0, i);
    }

    private static void setWidgetCookie(Context ctx, String token) {
        // A fallback for frames whose page could not pass the token (same-site pages only).
        ctx.res().addHeader("Set-Cookie", WidgetRoutes.TOKEN_COOKIE + "=" + token.replace("|", "%7C")
                + "; Path=/widgets; Max-Age=" + ACCESS_TTL.toSeconds() + "; HttpOnly; SameSite=Lax");
    }

    private void failToOpener(Context ctx, Map<String, String> hidden, WidgetError error, String detail) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("offpay", 1);
        message.put("kind", "error");
        message.put("code", error.name());
        message.put("message", error.with(detail).getMessage());
        String origin = BuyerWeb.isOrigin(hidden.get("origin")) ? hidden.get("origin") : null;
        ctx.status(400).html(done(origin, message, null, error.buyerMessage()));
    }

    private static boolean validTarget(String origin, String returnUrl) {
        return BuyerWeb.isOrigin(origin) && (returnUrl == null || returnUrl.startsWith("http://") || returnUrl.startsWith("https://"));
    }

    // ------------------------------------------------------------------ Login with Amazon

    private Optional<Seller> lwaSeller(String sellerId, String clientId) {
        Optional<Seller> s = b.seller(sellerId);
        if (s.isEmpty()) s = b.seller(clientId);
        if (s.isEmpty()) {
            List<Seller> all = b.web.store().sellers();
            if (all.size() == 1) s = Optional.of(all.get(0));
        }
        return s;
    }

    private static final String[] LWA_PARAMS = {"client_id", "scope", "response_type", "redirect_uri", "state", "popup", "origin", "seller_id", "env"};

    private String lwaProblem(Map<String, String> p) {
        String rt = p.getOrDefault("response_type", "token");
        if (!rt.equals("token") && !rt.equals("code")) return "response_type must be token or code";
        if (p.get("scope") == null) return "scope is required";
        String redirect = p.get("redirect_uri");
        if (redirect == null || !(redirect.startsWith("http://") || redirect.startsWith("https://"))) return "redirect_uri must be an http(s) URL";
        if ("true".equals(p.get("popup")) && !BuyerWeb.isOrigin(p.get("origin"))) return "origin is required for popup sign-in";
        return null;
    }

    private void authorizeForm(Context ctx) {
        Map<String, String> p = params(ctx, LWA_PARAMS);
        String problem = lwaProblem(p);
        if (problem != null) {
            ctx.status(400).html(errorPage("invalid_request: " + problem));
            return;
        }
        Optional<Seller> seller = lwaSeller(p.get("seller_id"), p.get("client_id"));
        if (seller.isEmpty()) {
            ctx.status(400).html(errorPage("invalid_request: unknown client; pass seller_id (Widgets.js does) or use the seller id as client_id"));
            return;
        }
        ctx.html(form(seller.get(), "/ap/oa", p, null, scopes(p.get("scope")).stream().toList()));
    }

    private void authorize(Context ctx) {
        Map<String, String> p = params(ctx, LWA_PARAMS);
        String problem = lwaProblem(p);
        Optional<Seller> found = lwaSeller(p.get("seller_id"), p.get("client_id"));
        if (problem != null || found.isEmpty()) {
            ctx.status(400).html(errorPage("invalid_request: " + (problem != null ? problem : "unknown client")));
            return;
        }
        Seller seller = found.get();
        Set<String> scopes = scopes(p.get("scope"));
        Optional<TestBuyer> buyer = b.buyers.authenticate(seller, ctx.formParam("email"), ctx.formParam("password"));
        if (buyer.isEmpty()) {
            ctx.html(form(seller, "/ap/oa", p, "Your email or password was incorrect. Please try again.", scopes.stream().toList()));
            return;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        if ("code".equals(p.get("response_type"))) {
            Token code = b.tokens.issue(Kind.CODE, seller.id(), buyer.get().email(), p.get("client_id"), scopes, p.get("redirect_uri"), CODE_TTL);
            response.put("code", code.value());
        } else {
            Token t = b.tokens.issue(Kind.ACCESS, seller.id(), buyer.get().email(), p.get("client_id"), scopes, null, ACCESS_TTL);
            setWidgetCookie(ctx, t.value());
            response.put("access_token", t.value());
            response.put("token_type", "bearer");
            response.put("expires_in", ACCESS_TTL.toSeconds());
        }
        response.put("scope", String.join(" ", scopes));
        if (p.get("state") != null) response.put("state", p.get("state"));
        if ("true".equals(p.get("popup"))) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("offpay", 1);
            message.put("kind", "authorize");
            message.put("response", response);
            ctx.html(done(p.get("origin"), message, null, "You are signed in. This window closes by itself."));
            return;
        }
        StringBuilder url = new StringBuilder(p.get("redirect_uri"));
        url.append(url.indexOf("?") < 0 ? '?' : '&');
        boolean first = true;
        for (Map.Entry<String, Object> e : response.entrySet()) {
            if (!first) url.append('&');
            first = false;
            url.append(e.getKey()).append('=').append(Html.url(String.valueOf(e.getValue())));
        }
        ctx.redirect(url.toString());
    }

    private static Set<String> scopes(String scope) {
        Set<String> s = new LinkedHashSet<>();
        if (scope != null) {
            for (String part : scope.trim().split("[\\s+]+")) {
                if (!part.isBlank()) s.add(part);
            }
        }
        return s;
    }

    private void token(Context ctx) {
        cors(ctx);
        String grant = ctx.formParam("grant_type");
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<Token> source;
        if ("authorization_code".equals(grant)) {
            source = b.tokens.consume(Kind.CODE, ctx.formParam("code"))
                    .filter(c -> ctx.formParam("redirect_uri") == null || ctx.formParam("redirect_uri").equals(c.redirectUri()))
                    .filter(c -> ctx.formParam("client_id") == null || c.clientId() == null || ctx.formParam("client_id").equals(c.clientId()));
        } else if ("refresh_token".equals(grant)) {
            source = b.tokens.find(Kind.REFRESH, ctx.formParam("refresh_token"));
        } else {
            ctx.status(400).json(Map.of("error", "unsupported_grant_type",
                    "error_description", "grant_type must be authorization_code or refresh_token"));
            return;
        }
        if (source.isEmpty()) {
            ctx.status(400).json(Map.of("error", "invalid_grant",
                    "error_description", "The authorization code or refresh token is invalid, expired, already used, or was issued to another client or redirect_uri."));
            return;
        }
        Token s = source.get();
        Token access = b.tokens.issue(Kind.ACCESS, s.sellerId(), s.buyerEmail(), s.clientId(), s.scopes(), null, ACCESS_TTL);
        body.put("access_token", access.value());
        if (s.kind() == Kind.CODE) {
            body.put("refresh_token", b.tokens.issue(Kind.REFRESH, s.sellerId(), s.buyerEmail(), s.clientId(), s.scopes(), null, REFRESH_TTL).value());
        }
        body.put("token_type", "bearer");
        body.put("expires_in", ACCESS_TTL.toSeconds());
        ctx.header("Cache-Control", "no-store").json(body);
    }

    private Optional<Token> bearer(Context ctx) {
        String token = ctx.queryParam("access_token");
        String h = ctx.header("Authorization");
        if (token == null && h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) token = h.substring(7).trim();
        if (token == null && h != null && h.startsWith("Atza|")) token = h.trim();
        return b.tokens.find(Kind.ACCESS, token);
    }

    private void tokenInfo(Context ctx) {
        cors(ctx);
        Optional<Token> t = bearer(ctx);
        if (t.isEmpty()) {
            ctx.status(400).json(Map.of("error", "invalid_token", "error_description", "The request has an invalid parameter : access_token"));
            return;
        }
        Token token = t.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iss", "https://www.amazon.com");
        m.put("user_id", userId(token.sellerId(), token.buyerEmail()));
        m.put("aud", token.clientId() == null ? token.sellerId() : token.clientId());
        m.put("app_id", token.clientId() == null ? token.sellerId() : token.clientId());
        m.put("exp", token.remaining(b.tokens.now()).toSeconds());
        m.put("iat", token.issued().getEpochSecond());
        m.put("scope", String.join(" ", token.scopes()));
        ctx.json(m);
    }

    private void profile(Context ctx) {
        cors(ctx);
        Optional<Token> t = bearer(ctx);
        if (t.isEmpty()) {
            ctx.status(400).json(Map.of("error", "invalid_token", "error_description", "The access token is invalid or expired."));
            return;
        }
        Token token = t.get();
        Set<String> sc = token.scopes();
        if (!sc.contains("profile") && !sc.contains("profile:user_id") && !sc.contains("payments:widget")) {
            ctx.status(403).json(Map.of("error", "insufficient_scope", "error_description", "The access token has no profile scope."));
            return;
        }
        Optional<TestBuyer> buyer = b.seller(token.sellerId()).flatMap(s -> b.buyers.find(s, token.buyerEmail()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", userId(token.sellerId(), token.buyerEmail()));
        if (sc.contains("profile") || sc.contains("payments:widget")) {
            m.put("name", buyer.map(TestBuyer::name).orElse(null));
            m.put("email", token.buyerEmail());
        }
        if (sc.contains("postal_code")) {
            buyer.filter(x -> !x.addresses().isEmpty()).ifPresent(x -> m.put("postal_code", x.addresses().get(0).postalCode()));
        }
        ctx.json(m);
    }

    /** A stable LWA-style user id per seller and buyer. */
    static String userId(String sellerId, String email) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((sellerId + "\n" + email.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return "amzn1.account." + HexFormat.of().withUpperCase().formatHex(Arrays.copyOf(h, 14));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ pages

    private static Map<String, String> params(Context ctx, String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            String v = ctx.formParam(n);
            if (v == null) v = ctx.queryParam(n);
            if (v != null && !v.isBlank()) m.put(n, v);
        }
        return m;
    }

    private static final Map<String, String> SCOPE_TEXT = Map.of(
            "profile", "your name and e-mail address",
            "profile:user_id", "your Amazon account id",
            "postal_code", "your postal code",
            "payments:widget", "the addresses and payment methods of your Amazon account, shown in its widgets",
            "payments:shipping_address", "the shipping address you choose",
            "payments:billing_address", "the billing address of the payment method you choose");

    private String form(Seller seller, String action, Map<String, String> hidden, String error, List<String> scopes) {
        StringBuilder h = new StringBuilder();
        h.append(header(seller, BuyerWeb.environment(hidden.get("env"))));
        h.append("<main style=\"max-width:400px\"><h1>Sign in</h1>");
        if (!scopes.isEmpty()) {
            h.append("<p>").append(Html.esc(seller.storeName() == null ? seller.id() : seller.storeName()))
                    .append(" would like to use:</p><ul>");
            for (String s : scopes) {
                h.append("<li>").append(Html.esc(SCOPE_TEXT.getOrDefault(s, s)))
                        .append(KNOWN_SCOPES.contains(s) ? "" : " (unknown scope)").append("</li>");
            }
            h.append("</ul>");
        }
        if (error != null) h.append("<div class=\"alert\" role=\"alert\">").append(Html.esc(error)).append("</div>");
        h.append("<form method=\"post\" action=\"").append(action).append("\">");
        for (Map.Entry<String, String> e : hidden.entrySet()) {
            h.append("<input type=\"hidden\" name=\"").append(Html.esc(e.getKey())).append("\" value=\"").append(Html.esc(e.getValue())).append("\">");
        }
        h.append("<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required autofocus>")
                .append("<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>")
                .append("<p><button type=\"submit\" style=\"width:100%\">Sign in</button></p></form>");
        if (BuyerWeb.environment(hidden.get("env")).isSandbox()) {
            h.append("<p class=\"hint\">Sandbox: sign in as a test buyer, e.g. ")
                    .append(Html.esc(TestBuyers.defaultBuyer(seller.region()).email())).append(" with password ")
                    .append(Html.esc(TestBuyers.DEFAULT_PASSWORD)).append(", or one created with POST /sandbox/v1/test-buyers.</p>");
        }
        h.append("</main>");
        return Html.page("Amazon Payments: Sign in", h.toString());
    }

    static String header(Seller seller, Environment env) {
        String store = seller == null ? "" : seller.storeName() == null ? seller.id() : seller.storeName();
        return "<div class=\"brand\"><span>amazon <span class=\"smile\">payments</span></span><span class=\"store\">"
                + Html.esc(store) + "</span></div>" + (env.isSandbox() ? "<div class=\"sandbox\">Sandbox (Offpay): test buyers only, no real payments</div>" : "");
    }

    /** The last page of a popup: hands the result to the opener and closes, or follows the redirect. */
    private static String done(String origin, Map<String, Object> message, String redirect, String text) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("message", message);
        r.put("target", origin == null ? null : origin.equals("null") ? "*" : origin);
        r.put("redirect", redirect);
        return Html.page("Amazon Payments", "<main><p role=\"status\">" + Html.esc(text) + "</p></main>"
                + "<script type=\"application/json\" id=\"result\">" + Html.scriptJson(r) + "</script>"
                + "<script>(function(){var r=JSON.parse(document.getElementById('result').textContent);"
                + "if(window.opener&&r.target){window.opener.postMessage(r.message,r.target);setTimeout(function(){window.close();},50);}"
                + "else if(r.redirect){window.location.replace(r.redirect);}})();</script>");
    }

    private static String errorPage(String text) {
        return Html.page("Amazon Payments", "<main><div class=\"alert\" role=\"alert\">" + Html.esc(text) + "</div></main>");
    }
}
