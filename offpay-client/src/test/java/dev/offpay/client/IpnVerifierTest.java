package dev.offpay.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** IpnVerifier accepts a correctly signed SNS envelope and rejects each kind of bad one, one test per reason. */
class IpnVerifierTest {
    // Two self-signed test certificates (throwaway keys made for this test with openssl); A signs, B is a stranger.
    private static final String CERT_A =
            "-----BEGIN CERTIFICATE-----\n" +
            "MIIDtzCCAp+gAwIBAgIUWBN4zxQVYoDKz0Va3T/L/oRnQgIwDQYJKoZIhvcNAQEL\n" +
            "BQAwajELMAkGA1UEBhMCVVMxEzARBgNVBAgMCldhc2hpbmd0b24xEDAOBgNVBAcM\n" +
            "B1NlYXR0bGUxGDAWBgNVBAoMD0FtYXpvbi5jb20gSW5jLjEaMBgGA1UEAwwRc25z\n" +
            "LmFtYXpvbmF3cy5jb20wIBcNMjYxMTIyMDcwOTU1WhgPMjEyNjEwMjkwNzA5NTVa\n" +
            "MGoxCzAJBgNVBAYTAlVTMRMwEQYDVQQIDApXYXNoaW5ndG9uMRAwDgYDVQQHDAdT\n" +
            "ZWF0dGxlMRgwFgYDVQQKDA9BbWF6b24uY29tIEluYy4xGjAYBgNVBAMMEXNucy5h\n" +
            "bWF6b25hd3MuY29tMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAjui9\n" +
            "MD9Ec4xF7ST2o9aN2W9/n3cV+vec7i6XGHBRuKaQ/7/ABqUNKhXIqMWrbZCam8PS\n" +
            "w3exYT5HQx/ezMMeXguXKSkhPi9LZmk9JkMaOCFB8+R+vsFtNYOzL0TrGppDMpxX\n" +
            "fgp+A6BLc58yA4Gt0CQ5esHolr0fRFAdcz8xSv57kx1CDUfzYrv4sws509HE0gze\n" +
            "VudRgsaF3ZULOFrgssEpqEGins/JqzCazYdezFl1JYMvTo04Es1TqSRAXcNTSrbl\n" +
            "UnRH/OG2GcXaXI5YNzG1FsiZJXf2H56ZuquRcIH2RNPI2xtMfTSmWE02Vonb/12O\n" +
            "3N6tnAAoFMBBXjvt8QIDAQABo1MwUTAdBgNVHQ4EFgQU0f3b1ZZPRCgARuHdrQVF\n" +
            "3HTJ6nswHwYDVR0jBBgwFoAU0f3b1ZZPRCgARuHdrQVF3HTJ6nswDwYDVR0TAQH/\n" +
            "BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAT/fQ43F+6hTvCriTuYqeFWs/qtjh\n" +
            "/Rp+F3fMuDoZUObZ/qFa8EJZwg0vLVAkwpX8+n+iuLnhMO/N89eO9PQZXZM64xL1\n" +
            "JboNggJ6aT3lfgDTSfxidp3eKjq8a8nIsFse4aYgJbbL6a8sZ28WXwNFOkIbTXox\n" +
            "sf7u8cFvUqqbkrldqrhdwjeyVtoDSp6JxvNFuT1QukwANbrG2/VNBhX//9qHa3tz\n" +
            "bOLi+nnPethW2ewgBhy+XRce8C/9Y4HfEv/K+Gh+iN8HObrSp9d9rZl8Bx/D70Wh\n" +
            "c9j9KHQYSaO8R48cnRxyTiScqV0V2Xb3ujTHza7XJRlZCLj0PUvmqPhjvw==\n" +
            "-----END CERTIFICATE-----\n";
    private static final String KEY_A =
            "-----BEGIN PRIVATE KEY-----\n" +
            "MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCO6L0wP0RzjEXt\n" +
            "JPaj1o3Zb3+fdxX695zuLpcYcFG4ppD/v8AGpQ0qFcioxattkJqbw9LDd7FhPkdD\n" +
            "H97Mwx5eC5cpKSE+L0tmaT0mQxo4IUHz5H6+wW01g7MvROsamkMynFd+Cn4DoEtz\n" +
            "nzIDga3QJDl6weiWvR9EUB1zPzFK/nuTHUINR/Niu/izCznT0cTSDN5W51GCxoXd\n" +
            "lQs4WuCywSmoQaKez8mrMJrNh17MWXUlgy9OjTgSzVOpJEBdw1NKtuVSdEf84bYZ\n" +
            "xdpcjlg3MbUWyJkld/Yfnpm6q5FwgfZE08jbG0x9NKZYTTZWidv/XY7c3q2cACgU\n" +
            "wEFeO+3xAgMBAAECggEAB/ZgwCTuR+/bX4ytL1C/g4tqVXS5pUuRk1XGNmbfrsWd\n" +
            "E5rX9KbSlnMzRHALDqY9bwtYnWp4WB4zs0I91DPU59GGgRUZFJFnBpQ7g3u+pLz5\n" +
            "o0CqbS9yycYGQE57OPa6YsICP/QOtF4EhjMrArYBfLTf/P572pY7/T7nfSnasb5p\n" +
            "yE+ggXHQPLJu4aiu8dHfBKVLm5IgVNImct5t0RgZb8GQtINcO8Ovnc9FoVlv8vIy\n" +
            "3VB2CW5swFIfiIT+cwsDmVuQIidZ3vnAdtoFgjmIreCowQUm0Fer5J12eXRvGunN\n" +
            "AQywTHR0fLciBIGPVZgvo7A5pSGP4HcyHglTkXfKvwKBgQDHJQpm6PQ431tKmtga\n" +
            "1RLad+LnW+0/Sq7A1HquCnp5N651QClE5hJ52xT0z1tXKhhFVx0efmDi5JEGDkmm\n" +
            "cdmgVqGES+h3Gf9WYjQhg4fISJgpCKQojMNBL/f6SPXyMRiwHvIRzsueze8NcYq3\n" +
            "PNICbHDcp9sIxXe2uWaLwhAhBwKBgQC3tZcgwRoETSMVo0ot7YwQNZ2XJuIZ3VbQ\n" +
            "JXhmrV/J40DxmwYw1/p0Vu8QVqTOJz1PG89y3fO+HYYIOQ0U0Y4Fy5Wtdp17QuOI\n" +
            "7vSnjH/kI14WDPUF9l8Wk6TdJShii3M8M/63JKfy3pYinoICFjYZK7wfchlXgbtn\n" +
            "10VD+qbTRwKBgCz+Um5T3bHnzQF7IK5XS84uXga1v1GYdwk8OIeP+IHgsbruByT4\n" +
            "8l2zwPVa0CFOcnNgLkUQeqVozNdYbQ19FZVjXVS9rcUTC5yhzXNw+0GmHTLQL/61\n" +
            "ZvwYcWeMCn1w2Eoag8jAN0Mm9gbMi3HA/RXtGEbSaet+agDPvLqA2xILAoGAGi8i\n" +
            "vENpruVDs+jTQNqT1RefP5UGMwOORRqiH5hkh8UBU65x4nJWO1DMwDppQQzsuyLO\n" +
            "naOvAxD4MqHXEHmR0Zej3NaEObZd8f2FF4B6Fg1IcsIkBlaIVRJ0NCUArZMMuK78\n" +
            "hiQOYBqDsamABEYgLdRC+wRrQkK2cGWJdNf8AS8CgYBDF4QWeVn+HViFUo0MIGL8\n" +
            "oPlZ0bN+Zl0DGtalAF+798chNLTmuEKe2DmcCg21cvcWkpvnsUhLAESGvKFVSH2r\n" +
            "CBW5upeUC5rY59QhKoMSuQEbcNU9AAeTVjURmJCL4P1oxcmqLNwFv0YQkc1nEXC1\n" +
            "Im55SE0M+Pcw+scCN4ePNA==\n" +
            "-----END PRIVATE KEY-----\n";
    private static final String CERT_B =
            "-----BEGIN CERTIFICATE-----\n" +
            "MIIDtzCCAp+gAwIBAgIUcL4BBYT4zm9YkwDUgzMCbBOvacEwDQYJKoZIhvcNAQEL\n" +
            "BQAwajELMAkGA1UEBhMCVVMxEzARBgNVBAgMCldhc2hpbmd0b24xEDAOBgNVBAcM\n" +
            "B1NlYXR0bGUxGDAWBgNVBAoMD0FtYXpvbi5jb20gSW5jLjEaMBgGA1UEAwwRc25z\n" +
            "LmFtYXpvbmF3cy5jb20wIBcNMjYxMTIyMDcwOTU1WhgPMjEyNjEwMjkwNzA5NTVa\n" +
            "MGoxCzAJBgNVBAYTAlVTMRMwEQYDVQQIDApXYXNoaW5ndG9uMRAwDgYDVQQHDAdT\n" +
            "ZWF0dGxlMRgwFgYDVQQKDA9BbWF6b24uY29tIEluYy4xGjAYBgNVBAMMEXNucy5h\n" +
            "bWF6b25hd3MuY29tMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAy9uY\n" +
            "wOqSKL1LLMnCP6jY8YLss5/8tjJtFbQ1a5kyeTk/CKDeBmsXpnA+5/wLKtPZyAhR\n" +
            "Z63p5tjGGjyqEakJ+JVfK19mTgY31x7stkgOeWghsUJTn8t7kjyfQFlfD53euZUR\n" +
            "XDCDfawxZMUqo+j8VjV+0/u2FplNqqbudnWik7EwhVbFDuwmbdT3+wyhBZY30yia\n" +
            "GAUoanzeeHbhxpx93FZIdq0KVjrckMeYnY55EgN8cP+9T6E6MNbzFdCjSTxMsytL\n" +
            "pUST4oXcq/b53MG6FS3Hxes70zHG7FpJA8/RG0Km6FTomnB8hwz7i3OEMYC7zGtQ\n" +
            "u2aUeq9ElmZh3/A5fQIDAQABo1MwUTAdBgNVHQ4EFgQU4iP21HCkXNCi5MmGC8aK\n" +
            "nOYCRaUwHwYDVR0jBBgwFoAU4iP21HCkXNCi5MmGC8aKnOYCRaUwDwYDVR0TAQH/\n" +
            "BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAYGxGtxwfYJVR5WKi4o/4XG4mT6bm\n" +
            "ldeXNloZsswnuco/iWxIzy4szL6ryORPREPuOkUrSNyyymRH9IMgw4VkMMMLdPFK\n" +
            "QFXNNOthDtxvekgNgPAhTvNQ0dI/GTpZtTEoPkrsYhhreBgbaOqFYi583OI4nB24\n" +
            "riBXNxL2Vn0f0UUcaNDhpKpYAxbMcjn2fmRMmbgIO8uP1SHR/rUngd+b1PFIW6ei\n" +
            "Erzxh3YgKadB2+QpLwWioTQ7tYqkVuHu8JPxzHgIqmooCGbCIoDXkpui/O9938/h\n" +
            "te+QpFz5zFo8B8sYtLu0EcpQvXVvMSn1pQAc0kqBzolkk2F5E7E+rmC7bQ==\n" +
            "-----END CERTIFICATE-----\n";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final X509Certificate certA = IpnVerifier.parseCertificate(CERT_A);
    private final Instant now = certA.getNotBefore().toInstant().plus(Duration.ofDays(1));
    private final IpnVerifier verifier = new IpnVerifier(certA, Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(15));

    private Map<String, String> envelope(String timestamp) throws Exception {
        Map<String, String> inner = new LinkedHashMap<>();
        inner.put("NotificationReferenceId", "7d1c1b5e-0000-4000-8000-000000000001");
        inner.put("NotificationType", "PaymentCapture");
        inner.put("SellerId", "A1SELLER");
        inner.put("MarketplaceID", "AGWSWK15IEJJ7");
        inner.put("ReleaseEnvironment", "Sandbox");
        inner.put("Version", "2013-01-01");
        inner.put("Timestamp", timestamp);
        inner.put("NotificationData", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CaptureNotification xmlns=\"https://mws.amazonservices.com/ipn/OffAmazonPayments/2013-01-01\"/>");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Type", "Notification");
        env.put("MessageId", "0d5b5b8e-1111-4111-8111-000000000002");
        env.put("TopicArn", "arn:aws:sns:us-east-1:291180941288:AGWSWK15IEJJ7A1SELLER");
        env.put("Message", JSON.writeValueAsString(inner));
        env.put("Timestamp", timestamp);
        env.put("SignatureVersion", "1");
        env.put("SigningCertURL", "http://localhost:8080/sns/SimpleNotificationService-x.pem");
        sign(env);
        return env;
    }

    private static void sign(Map<String, String> env) throws Exception {
        String toSign = "Message\n" + env.get("Message") + "\nMessageId\n" + env.get("MessageId") + "\nTimestamp\n" + env.get("Timestamp")
                + "\nTopicArn\n" + env.get("TopicArn") + "\nType\n" + env.get("Type") + "\n";
        String body = KEY_A.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        Signature s = Signature.getInstance("SHA1withRSA");
        s.initSign(key);
        s.update(toSign.getBytes(StandardCharsets.UTF_8));
        env.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
    }

    private String fresh() throws Exception {
        return JSON.writeValueAsString(envelope(now.minusSeconds(5).toString()));
    }

    private IpnVerifier.Reason rejected(IpnVerifier v, Map<String, String> headers, String body) {
        return assertThrows(IpnVerifier.RejectedException.class, () -> v.verify(headers, body)).reason();
    }

    @Test
    void acceptsACorrectlySignedNotification() throws Exception {
        IpnVerifier.Notification n = verifier.verify(Map.of("X-Amz-Sns-Message-Type", "Notification"), fresh());
        assertEquals("PaymentCapture", n.notificationType());
        assertEquals("7d1c1b5e-0000-4000-8000-000000000001", n.notificationReferenceId());
        assertEquals("A1SELLER", n.sellerId());
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        assertEquals(IpnVerifier.Reason.MALFORMED_BODY, rejected(verifier, Map.of(), "not json"));
    }

    @Test
    void rejectsAFieldThatIsNotAString() throws Exception {
        ObjectNode o = (ObjectNode) JSON.readTree(fresh());
        o.put("SignatureVersion", 1);
        assertEquals(IpnVerifier.Reason.MISSING_FIELD, rejected(verifier, Map.of(), o.toString()));
    }

    @Test
    void rejectsAnotherType() throws Exception {
        Map<String, String> env = envelope(now.toString());
        env.put("Type", "SubscriptionConfirmation");
        sign(env);
        assertEquals(IpnVerifier.Reason.WRONG_TYPE, rejected(verifier, Map.of(), JSON.writeValueAsString(env)));
    }

    @Test
    void rejectsAnotherMessageTypeHeader() throws Exception {
        assertEquals(IpnVerifier.Reason.WRONG_TYPE, rejected(verifier, Map.of("x-amz-sns-message-type", "UnsubscribeConfirmation"), fresh()));
    }

    @Test
    void rejectsSignatureVersion2() throws Exception {
        Map<String, String> env = envelope(now.toString());
        env.put("SignatureVersion", "2");
        assertEquals(IpnVerifier.Reason.UNSUPPORTED_SIGNATURE_VERSION, rejected(verifier, Map.of(), JSON.writeValueAsString(env)));
    }

    @Test
    void rejectsATamperedMessage() throws Exception {
        Map<String, String> env = envelope(now.toString());
        env.put("Message", env.get("Message").replace("PaymentCapture", "PaymentRefund"));
        assertEquals(IpnVerifier.Reason.BAD_SIGNATURE, rejected(verifier, Map.of(), JSON.writeValueAsString(env)));
    }

    @Test
    void rejectsANotificationSignedByAnotherKey() throws Exception {
        IpnVerifier trustsB = new IpnVerifier(IpnVerifier.parseCertificate(CERT_B), Clock.fixed(now, ZoneOffset.UTC), null);
        assertEquals(IpnVerifier.Reason.BAD_SIGNATURE, rejected(trustsB, Map.of(), fresh()));
    }

    @Test
    void rejectsWhenTheTrustedCertificateHasExpired() throws Exception {
        Instant later = certA.getNotAfter().toInstant().plusSeconds(1);
        IpnVerifier v = new IpnVerifier(certA, Clock.fixed(later, ZoneOffset.UTC), null);
        assertEquals(IpnVerifier.Reason.CERTIFICATE_NOT_VALID, rejected(v, Map.of(), fresh()));
    }

    @Test
    void rejectsANotificationOlderThanTheMaximumAge() throws Exception {
        String old = JSON.writeValueAsString(envelope(now.minus(Duration.ofDays(16)).toString()));
        assertEquals(IpnVerifier.Reason.STALE, rejected(verifier, Map.of(), old));
    }

    @Test
    void rejectsAMessageThatIsNotTheIpnJson() throws Exception {
        Map<String, String> env = envelope(now.toString());
        env.put("Message", "hello");
        sign(env);
        assertEquals(IpnVerifier.Reason.MALFORMED_MESSAGE, rejected(verifier, Map.of(), JSON.writeValueAsString(env)));
    }
}
