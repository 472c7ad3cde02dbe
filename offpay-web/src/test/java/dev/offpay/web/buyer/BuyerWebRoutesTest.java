package dev.offpay.web.buyer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offpay.core.CallContext;
import dev.offpay.core.Environment;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Region;
import dev.offpay.core.TestBuyer;
import dev.offpay.core.TestBuyers;
import dev.offpay.store.JdbcAccessTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The buyer-side routes over real HTTP against a real store (no browser). */
class BuyerWebRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    BuyerTestServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        server = new BuyerTestServer(dir, Region.UK);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET();
        if (headers.length > 0) r.headers(headers);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) r.headers(headers);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((server.seller.accessKey() + ":" + server.seller.secretKey()).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void widgetsJsIsServedAtAmazonsUrlShapes() throws Exception {
        for (String p : new String[]{"/OffAmazonPayments/uk/sandbox/js/Widgets.js", "/OffAmazonPayments/de/js/Widgets.js",
                "/OffAmazonPayments/us/sandbox/lpa/js/Widgets.js", "/OffAmazonPayments/jp/lpa/js/Widgets.js"}) {
            HttpResponse<String> r = get(p + "?sellerId=" + server.seller.id());
            assertEquals(200, r.statusCode(), p);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/javascript"), p);
            assertTrue(r.body().contains("OffAmazonPayments") && r.body().contains("\"sellerId\":\"" + server.seller.id() + "\""), p);
            assertTrue(r.body().contains("\"sandbox\":" + p.contains("/sandbox/")), p);
            assertTrue(r.body().contains("\"lpa\":" + p.contains("/lpa/")), p);
        }
        assertEquals(404, get("/OffAmazonPayments/xx/sandbox/js/Widgets.js").statusCode());
    }

    @Test
    void buttonImageHasTheGuidesSizes() throws Exception {
        HttpResponse<String> r = get("/gp/widgets/button?sellerId=x&size=large&color=tan");
        assertEquals("image/svg+xml", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("width=\"151\" height=\"27\""));
        assertTrue(get("/gp/widgets/button").body().contains("width=\"126\" height=\"24\""));
        assertTrue(get("/gp/widgets/button?size=x-large").body().contains("width=\"173\" height=\"27\""));
    }

    @Test
    void testBuyersNeedTheSellersKeysAndCanSignIn() throws Exception {
        String body = "{\"email\":\"pat@example.com\",\"password\":\"pw-12345\",\"name\":\"Pat Smith\","
                + "\"addresses\":[{\"name\":\"Pat Smith\",\"addressLine1\":\"44 Pinzon Hill\",\"city\":\"London\",\"postalCode\":\"EC1A 2BN\",\"countryCode\":\"gb\"}],"
                + "\"instruments\":[{\"typeName\":\"Visa\",\"tail\":\"3508\"}]}";
        assertEquals(401, post("/sandbox/v1/test-buyers", "application/json", body).statusCode());
        HttpResponse<String> r = post("/sandbox/v1/test-buyers", "application/json", body, "Authorization", basic());
        assertEquals(201, r.statusCode(), r.body());
        JsonNode created = JSON.readTree(r.body());
        assertEquals("pat@example.com", created.get("email").asText());
        assertTrue(created.get("password") == null, "no password in the answer");
        assertEquals("GB", created.at("/addresses/0/countryCode").asText());
        assertEquals(400, post("/sandbox/v1/test-buyers", "application/json", body, "Authorization", basic()).statusCode());
        assertEquals(400, post("/sandbox/v1/test-buyers", "application/json", "{\"email\":\"x@example.com\"}", "Authorization", basic()).statusCode());
        // Signing in with the new buyer creates a Draft and hands a token to the opener.
        HttpResponse<String> signIn = post("/widgets/signin", "application/x-www-form-urlencoded", form(Map.of("sellerId", server.seller.id(),
                "env", "sandbox", "origin", "http://merchant.test", "email", "PAT@example.com", "password", "pw-12345")));
        assertEquals(200, signIn.statusCode());
        assertTrue(signIn.body().contains("\"kind\":\"signIn\"") && signIn.body().contains("Atza|"), signIn.body());
        assertTrue(signIn.body().contains("\"target\":\"http://merchant.test\""));
        HttpResponse<String> wrong = post("/widgets/signin", "application/x-www-form-urlencoded", form(Map.of("sellerId", server.seller.id(),
                "env", "sandbox", "origin", "http://merchant.test", "email", "pat@example.com", "password", "nope")));
        assertTrue(wrong.body().contains("Your email or password was incorrect") && !wrong.body().contains("Atza|"));
        HttpResponse<String> form = get("/widgets/signin?sellerId=" + server.seller.id() + "&origin=http://merchant.test");
        assertTrue(form.body().contains("<label for=\"email\">Email</label>") && form.body().contains("<label for=\"password\">Password</label>")
                && form.body().contains(">Sign in</button>"));
        assertEquals(400, get("/widgets/signin?sellerId=" + server.seller.id() + "&origin=javascript:alert(1)").statusCode());
    }

    private JsonNode widget(String kind, String token, String oroId, String env, String displayMode) throws Exception {
        String body = JSON.writeValueAsString(Map.of("kind", kind, "sellerId", server.seller.id(), "token", token,
                "orderReferenceId", oroId, "env", env, "displayMode", displayMode));
        return JSON.readTree(post("/widgets/api/state", "application/json", body).body());
    }

    @Test
    void widgetErrorsCarryTheGuidesCodes() throws Exception {
        TestBuyer jane = TestBuyers.defaultBuyer(Region.UK);
        CallContext call = new CallContext(server.seller, Environment.SANDBOX);
        String token = server.tokens.issue(JdbcAccessTokens.Kind.ACCESS, server.seller.id(), jane.email(), null, Set.of("payments:widget"), null, Duration.ofHours(1)).value();
        OrderReference oro = server.payments.createDraft(call, new PaymentService.DraftOptions(jane, null, false, null, false, true));

        JsonNode ok = widget("addressbook", token, oro.id(), "sandbox", "Edit");
        assertEquals(5, ok.get("items").size(), ok.toString());
        assertTrue(ok.at("/items/0/selected").asBoolean(), "the default address is preselected");
        JsonNode wallet = widget("wallet", token, oro.id(), "sandbox", "Edit");
        assertTrue(wallet.at("/items/0/selected").asBoolean());
        assertTrue(server.payments.getOrderReference(call, oro.id()).constraints().stream().noneMatch(c -> c.id().equals("PaymentPlanNotSet")));

        assertEquals("BuyerNotAssociated", widget("wallet", "Atza|unknowntoken", oro.id(), "sandbox", "Edit").at("/error/code").asText());
        assertEquals("InvalidOrderReferenceId", widget("wallet", token, "S02-0000000-0000000", "sandbox", "Edit").at("/error/code").asText());
        assertEquals("ReleaseEnvironmentMismatch", widget("wallet", token, oro.id(), "live", "Edit").at("/error/code").asText());
        JsonNode notApplicable = widget("addressbook", token,
                server.payments.createDraft(call, new PaymentService.DraftOptions(jane, null, false, null, false, false)).id(), "sandbox", "Edit");
        assertEquals("AddressBookWidgetNotApplicable", notApplicable.at("/error/code").asText());
        assertTrue(notApplicable.at("/error/buyerMessage").asText().startsWith("We're sorry"));
        server.payments.cancel(call, oro.id(), "test");
        JsonNode stale = widget("addressbook", token, oro.id(), "sandbox", "Read");
        assertEquals("StaleOrderReference", stale.at("/error/code").asText());
        assertEquals("Your session has expired. Please sign in again by clicking on the Pay with Amazon button.", stale.at("/error/buyerMessage").asText());
        String unknownSeller = JSON.writeValueAsString(Map.of("kind", "wallet", "sellerId", "NOSUCHSELLER", "token", token, "orderReferenceId", oro.id()));
        assertEquals("InvalidSellerId", JSON.readTree(post("/widgets/api/state", "application/json", unknownSeller).body()).at("/error/code").asText());
    }

    @Test
    void loginWithAmazonCodeFlowTokenInfoProfileAndGetOrderReferenceDetailsPort() throws Exception {
        String redirect = "http://merchant.test/return";
        HttpResponse<String> r = post("/ap/oa", "application/x-www-form-urlencoded", form(Map.of("client_id", "amzn1.application-oa2-client.test",
                "scope", "profile payments:widget payments:shipping_address", "response_type", "code", "redirect_uri", redirect,
                "state", "xyz", "seller_id", server.seller.id(), "email", "test-buyer-uk@example.com", "password", TestBuyers.DEFAULT_PASSWORD)));
        assertEquals(302, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(redirect + "?code=") && location.contains("state=xyz"), location);
        String code = java.net.URLDecoder.decode(location.replaceAll(".*code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        HttpResponse<String> t = post("/auth/o2/token", "application/x-www-form-urlencoded", form(Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", redirect, "client_id", "amzn1.application-oa2-client.test")));
        assertEquals(200, t.statusCode(), t.body());
        JsonNode tokens = JSON.readTree(t.body());
        String access = tokens.get("access_token").asText();
        assertTrue(access.startsWith("Atza|") && tokens.get("refresh_token").asText().startsWith("Atzr|"));
        assertEquals(400, post("/auth/o2/token", "application/x-www-form-urlencoded", form(Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", redirect))).statusCode(), "a code works once");
        JsonNode info = JSON.readTree(get("/auth/o2/tokeninfo?access_token=" + URLEncoder.encode(access, StandardCharsets.UTF_8)).body());
        assertEquals("amzn1.application-oa2-client.test", info.get("aud").asText());
        assertTrue(info.get("exp").asLong() > 3500);
        JsonNode profile = JSON.readTree(get("/user/profile", "Authorization", "Bearer " + access).body());
        assertEquals("test-buyer-uk@example.com", profile.get("email").asText());
        assertEquals("Jane Doe", profile.get("name").asText());
        assertEquals(400, get("/auth/o2/tokeninfo?access_token=Atza%7Cbogus123456").statusCode());
        // The port GetOrderReferenceDetails uses.
        var grant = server.tokens.validate(access, server.seller.id()).orElseThrow();
        assertEquals("test-buyer-uk@example.com", grant.buyerId());
        assertTrue(grant.allowsShippingAddress());
        assertTrue(server.tokens.validate(access, "OTHERSELLER").isEmpty());
        JsonNode refreshed = JSON.readTree(post("/auth/o2/token", "application/x-www-form-urlencoded", form(Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asText()))).body());
        assertTrue(refreshed.get("access_token").asText().startsWith("Atza|"));
    }

    @Test
    void demoAndBuyerSiteAnswer() throws Exception {
        HttpResponse<String> demo = get("/sandbox/demo");
        assertEquals(200, demo.statusCode());
        assertTrue(demo.body().contains("/OffAmazonPayments/uk/sandbox/js/Widgets.js?sellerId=" + server.seller.id()));
        HttpResponse<String> buyer = get("/buyer");
        assertTrue(buyer.body().contains("<label for=\"email\">Email</label>"));
        HttpResponse<String> signIn = post("/buyer/signin", "application/x-www-form-urlencoded",
                form(Map.of("email", "test-buyer-uk@example.com", "password", TestBuyers.DEFAULT_PASSWORD)));
        assertEquals(302, signIn.statusCode());
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> home = get("/buyer", "Cookie", cookie);
        assertTrue(home.body().contains("Your payments") && home.body().contains("Court &amp; Cherry"), home.body());
    }
}
