package dev.offpay.mws;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signature Version 2: the spec's test vectors and the client quirks a tolerant verifier accepts. */
class SignatureVerifierTest {
    static final String HOST = "mws.amazonservices.com";
    static final String PATH = "/OffAmazonPayments_Sandbox/2013-01-01";

    static Map<String, String> base(String action) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AWSAccessKeyId", "TEST_ACCESS_KEY");
        p.put("Action", action);
        p.put("AmazonOrderReferenceId", "AMAZON_ORDER_REFERENCE_ID");
        p.put("SellerId", "TEST_MERCHANT_ID");
        p.put("SignatureMethod", "HmacSHA256");
        p.put("SignatureVersion", "2");
        p.put("Timestamp", "2015-12-31T23:59:58Z");
        p.put("Version", "2013-01-01");
        return p;
    }

    static String sts(String host, String path, Map<String, String> p) {
        return "POST\n" + host + "\n" + path + "\n" + SignatureVerifier.canonicalQuery(p);
    }

    @Test
    void javaSdkVectors() {
        Map<String, String> p = base("GetOrderReferenceDetails");
        assertEquals("cpkDC72d5lMIbo5ET2dvERTw4F2cGQJL3eQPzUe2pAE=", SignatureVerifier.sign(sts(HOST, PATH, p), "TEST_SECRET_KEY", "HmacSHA256"));
        Map<String, String> token = base("GetOrderReferenceDetails");
        token.put("MWSAuthToken", "TEST_MWS_AUTH_TOKEN");
        token.put("SellerId", "OVERRIDE_SELLER_ID");
        assertEquals("MelQJXDdQJ85Z7aB85s7eYWm5TdGv6xYAQt/joOhXCo=", SignatureVerifier.sign(sts(HOST, PATH, token), "TEST_SECRET_KEY", "HmacSHA256"));
        Map<String, String> set = base("SetOrderReferenceDetails");
        set.put("OrderReferenceAttributes.OrderTotal.Amount", "2");
        set.put("OrderReferenceAttributes.OrderTotal.CurrencyCode", "USD");
        assertEquals("i51MSGv9O2G2LHIlhCXLigA3ZKaZRoc7Mb5A1VX2QTA=", SignatureVerifier.sign(sts(HOST, PATH, set), "TEST_SECRET_KEY", "HmacSHA256"));
    }

    @Test
    void npmVector() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("test2", "test2Val");
        p.put("SignatureVersion", "2");
        p.put("test1", "test1Val");
        p.put("SignatureMethod", "HmacSHA256");
        assertEquals("r/Iae1ZvKIT+v3RqxAH0Fv5bK4KxOCf1jp0tJIBx5Mk=",
                SignatureVerifier.sign("POST\n" + HOST + "\n/OffAmazonPayments_Sandbox\n" + SignatureVerifier.canonicalQuery(p), "thisIsMySuperSecretKey", "HmacSHA256"));
    }

    @Test
    void encodingIsRfc3986() {
        assertEquals("a%20b%2Bc%2A~-_.%C3%A4", SignatureVerifier.encode("a b+c*~-_.ä"));
    }

    static boolean verify(String hostHeader, String path, Map<String, String> p, String signedHost, String signedPath) {
        String sig = SignatureVerifier.sign(sts(signedHost, signedPath, p), "s3cret", "HmacSHA256");
        return SignatureVerifier.verify("POST", hostHeader, Set.of(), path, p, "s3cret", "HmacSHA256", sig);
    }

    @Test
    void acceptsTheClientsHostAndPathVariants() {
        Map<String, String> p = base("GetOrderReferenceDetails");
        assertTrue(verify("localhost:8080", PATH, p, "localhost:8080", PATH), "host with port");
        assertTrue(verify("localhost:8080", PATH, p, "localhost", PATH), "npm drops the port");
        assertTrue(verify("localhost:8080", PATH, p, "http://localhost:8080", PATH), "Java SDK signs the literal http:// override");
        assertTrue(verify("localhost:8080", PATH + "/", p, "localhost:8080", PATH + "/"), "trailing slash as sent");
        assertTrue(verify("localhost:8080", PATH + "/", p, "localhost:8080", PATH), "trailing slash added by a proxy");
        assertTrue(verify("LOCALHOST:8080", PATH, p, "localhost:8080", PATH), "host is case-insensitive");
    }

    @Test
    void acceptsNpmLowerCaseStarEncoding() {
        Map<String, String> p = base("SetOrderReferenceDetails");
        p.put("OrderReferenceAttributes.SellerNote", "a*b");
        String npmCanonical = SignatureVerifier.canonicalQuery(p).replace("%2A", "%2a");
        String sig = SignatureVerifier.sign("POST\nlocalhost\n" + PATH + "\n" + npmCanonical, "s3cret", "HmacSHA256");
        assertTrue(SignatureVerifier.verify("POST", "localhost:8080", Set.of(), PATH, p, "s3cret", "HmacSHA256", sig));
    }

    @Test
    void rejectsOtherSecretsHostsAndTamperedValues() {
        Map<String, String> p = base("GetOrderReferenceDetails");
        String sig = SignatureVerifier.sign(sts("localhost:8080", PATH, p), "s3cret", "HmacSHA256");
        assertFalse(SignatureVerifier.verify("POST", "localhost:8080", Set.of(), PATH, p, "other", "HmacSHA256", sig));
        assertFalse(SignatureVerifier.verify("POST", "evil:8080", Set.of(), PATH, p, "s3cret", "HmacSHA256", sig));
        p.put("AmazonOrderReferenceId", "S01-0000000-0000001");
        assertFalse(SignatureVerifier.verify("POST", "localhost:8080", Set.of(), PATH, p, "s3cret", "HmacSHA256", sig));
    }

    @Test
    void timestampsOfEveryClientParse() {
        for (String t : new String[]{"2015-12-31T23:59:58Z", "2015-12-31T23:59:58.000Z", "2015-12-31T23:59:58z", "2015-12-31T16:59:58-07:00",
                "2015-12-31T16:59:58.093-07"}) {
            assertEquals(java.time.Instant.parse("2015-12-31T23:59:58Z").getEpochSecond(), MwsApi.parseTimestamp("Timestamp", t).getEpochSecond(), t);
        }
    }
}
