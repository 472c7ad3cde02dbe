package dev.offpay.server;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional HTTPS listener, trusted through the exported local CA only. */
class TlsListenerTest {

    @Test
    void servesHttpsWithTheLocalCaAndExportsIt() throws Exception {
        try (TestServer t = new TestServer(Config.builder().tlsPort(0))) {
            int tls = t.server.tlsPort();
            HttpClient plain = HttpClient.newHttpClient();
            HttpResponse<String> pem = plain.send(HttpRequest.newBuilder(URI.create(t.url() + "/ca.pem")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, pem.statusCode());
            assertTrue(pem.body().startsWith("-----BEGIN CERTIFICATE-----"), pem.body());

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.body().getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + tls + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());

            // A signed call over HTTPS: the host line is what the client sends (host:port).
            RawMws raw = new RawMws(tls);
            var p = raw.common(t.seller(), "GetServiceStatus");
            String sts = "POST\nlocalhost:" + tls + "\n/OffAmazonPayments_Sandbox/2013-01-01\n" + dev.offpay.mws.SignatureVerifier.canonicalQuery(p);
            p.put("Signature", dev.offpay.mws.SignatureVerifier.sign(sts, t.seller().secretKey(), "HmacSHA256"));
            StringBuilder body = new StringBuilder();
            for (var e : p.entrySet()) {
                if (body.length() > 0) body.append('&');
                body.append(dev.offpay.mws.SignatureVerifier.encode(e.getKey())).append('=').append(dev.offpay.mws.SignatureVerifier.encode(e.getValue()));
            }
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + tls + "/OffAmazonPayments_Sandbox/2013-01-01"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("<Status>GREEN</Status>"));
        }
    }
}
