package dev.offpay.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureV2Test {

    private static final String HOST = "mws.amazonservices.com";
    private static final String SANDBOX = "/OffAmazonPayments_Sandbox/2013-01-01";

    /** Splits a canonical query back into parameters so the test starts from names and values. */
    private static Map<String, String> parse(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void assertVector(String secret, String path, String canonical, String expectedSignature) {
        Map<String, String> params = parse(canonical);
        assertEquals(canonical, SignatureV2.canonicalQuery(params));
        String toSign = SignatureV2.stringToSign("POST", HOST, path, params);
        assertEquals("POST\n" + HOST + "\n" + path + "\n" + canonical, toSign);
        assertEquals(expectedSignature, SignatureV2.sign(toSign, secret, SignatureV2.HMAC_SHA256));
    }

    @Test
    void getOrderReferenceDetailsVector() {
        assertVector("TEST_SECRET_KEY", SANDBOX,
                "AWSAccessKeyId=TEST_ACCESS_KEY&Action=GetOrderReferenceDetails&AmazonOrderReferenceId=AMAZON_ORDER_REFERENCE_ID"
                        + "&SellerId=TEST_MERCHANT_ID&SignatureMethod=HmacSHA256&SignatureVersion=2"
                        + "&Timestamp=2015-12-31T23%3A59%3A58Z&Version=2013-01-01",
                "cpkDC72d5lMIbo5ET2dvERTw4F2cGQJL3eQPzUe2pAE=");
    }

    @Test
    void mwsAuthTokenVector() {
        assertVector("TEST_SECRET_KEY", SANDBOX,
                "AWSAccessKeyId=TEST_ACCESS_KEY&Action=GetOrderReferenceDetails&AmazonOrderReferenceId=AMAZON_ORDER_REFERENCE_ID"
                        + "&MWSAuthToken=TEST_MWS_AUTH_TOKEN&SellerId=OVERRIDE_SELLER_ID&SignatureMethod=HmacSHA256"
                        + "&SignatureVersion=2&Timestamp=2015-12-31T23%3A59%3A58Z&Version=2013-01-01",
                "MelQJXDdQJ85Z7aB85s7eYWm5TdGv6xYAQt/joOhXCo=");
    }

    @Test
    void setOrderReferenceDetailsVector() {
        assertVector("TEST_SECRET_KEY", SANDBOX,
                "AWSAccessKeyId=TEST_ACCESS_KEY&Action=SetOrderReferenceDetails&AmazonOrderReferenceId=AMAZON_ORDER_REFERENCE_ID"
                        + "&OrderReferenceAttributes.OrderTotal.Amount=2&OrderReferenceAttributes.OrderTotal.CurrencyCode=USD"
                        + "&SellerId=TEST_MERCHANT_ID&SignatureMethod=HmacSHA256&SignatureVersion=2"
                        + "&Timestamp=2015-12-31T23%3A59%3A58Z&Version=2013-01-01",
                "i51MSGv9O2G2LHIlhCXLigA3ZKaZRoc7Mb5A1VX2QTA=");
    }

    @Test
    void npmVectorWithLowerCaseNames() {
        assertVector("thisIsMySuperSecretKey", "/OffAmazonPayments_Sandbox",
                "SignatureMethod=HmacSHA256&SignatureVersion=2&test1=test1Val&test2=test2Val",
                "r/Iae1ZvKIT+v3RqxAH0Fv5bK4KxOCf1jp0tJIBx5Mk=");
    }

    @Test
    void canonicalQueryLeavesOutSignatureAndKeepsEmptyValues() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("b", "");
        params.put("Signature", "abc=");
        params.put("a", "x y");
        assertEquals("a=x%20y&b=", SignatureV2.canonicalQuery(params));
        assertEquals("Signature=abc%3D&a=x%20y&b=", SignatureV2.formBody(params));
    }

    @Test
    void rfc3986EncodesEverythingButUnreserved() {
        assertEquals("AZaz09-_.~", SignatureV2.rfc3986("AZaz09-_.~"));
        assertEquals("%20%2B%2A%21%27%28%29%2F%3A%3D%26", SignatureV2.rfc3986(" +*!'()/:=&"));
        assertEquals("%C3%A4%E5%AE%8B", SignatureV2.rfc3986("ä宋"));
        assertEquals("%7B%22a%22%3A1%7D", SignatureV2.rfc3986("{\"a\":1}"));
    }

    @Test
    void hostLineKeepsOnlyNonDefaultPorts() {
        assertEquals("mws.amazonservices.com", SignatureV2.hostLine(URI.create("https://MWS.amazonservices.com")));
        assertEquals("mws.amazonservices.com", SignatureV2.hostLine(URI.create("https://mws.amazonservices.com:443")));
        assertEquals("localhost", SignatureV2.hostLine(URI.create("http://localhost:80/")));
        assertEquals("127.0.0.1:8080", SignatureV2.hostLine(URI.create("http://127.0.0.1:8080")));
        assertEquals("example.test:80", SignatureV2.hostLine(URI.create("https://example.test:80")));
    }

    @Test
    void timestampIsUtcToTheSecond() {
        assertEquals("2015-12-31T23:59:58Z", SignatureV2.timestamp(Instant.parse("2015-12-31T23:59:58.999Z")));
    }

    @Test
    void hmacSha1IsSupportedAndOtherMethodsAreRejected() {
        assertEquals(28, SignatureV2.sign("x", "k", SignatureV2.HMAC_SHA1).length());
        assertThrows(IllegalArgumentException.class, () -> SignatureV2.sign("x", "k", "hmacsha256"));
    }

    @Test
    void clientProducesTheWorkedExampleRequestBody() {
        OffpayClient client = OffpayClient.builder()
                .endpoint(OffpayClient.AMAZON_NA)
                .sellerId("TEST_MERCHANT_ID").accessKey("TEST_ACCESS_KEY").secretKey("TEST_SECRET_KEY")
                .clock(Clock.fixed(Instant.parse("2015-12-31T23:59:58Z"), ZoneOffset.UTC))
                .build();
        Map<String, String> params = client.signedParameters("GetOrderReferenceDetails",
                GetOrderReferenceDetailsRequest.of("AMAZON_ORDER_REFERENCE_ID").toParameters());
        assertEquals("AWSAccessKeyId=TEST_ACCESS_KEY&Action=GetOrderReferenceDetails"
                        + "&AmazonOrderReferenceId=AMAZON_ORDER_REFERENCE_ID&SellerId=TEST_MERCHANT_ID"
                        + "&Signature=cpkDC72d5lMIbo5ET2dvERTw4F2cGQJL3eQPzUe2pAE%3D&SignatureMethod=HmacSHA256"
                        + "&SignatureVersion=2&Timestamp=2015-12-31T23%3A59%3A58Z&Version=2013-01-01",
                SignatureV2.formBody(params));
        assertEquals(URI.create("https://mws.amazonservices.com/OffAmazonPayments_Sandbox/2013-01-01"), client.serviceUri());
    }

    @Test
    void clientSignsTheMwsAuthTokenVector() {
        OffpayClient client = OffpayClient.builder()
                .endpoint("https://mws.amazonservices.com")
                .sellerId("OVERRIDE_SELLER_ID").accessKey("TEST_ACCESS_KEY").secretKey("TEST_SECRET_KEY")
                .mwsAuthToken("TEST_MWS_AUTH_TOKEN")
                .clock(Clock.fixed(Instant.parse("2015-12-31T23:59:58Z"), ZoneOffset.UTC))
                .build();
        Map<String, String> params = client.signedParameters("GetOrderReferenceDetails",
                Map.of("AmazonOrderReferenceId", "AMAZON_ORDER_REFERENCE_ID"));
        assertEquals("MelQJXDdQJ85Z7aB85s7eYWm5TdGv6xYAQt/joOhXCo=", params.get("Signature"));
    }
}
