package dev.offpay.server;

import dev.offpay.core.Seller;
import dev.offpay.mws.SignatureVerifier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signed MWS requests built by hand, for tests that need to send exactly what a client sends (or get it wrong). */
final class RawMws {
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    String path = "/OffAmazonPayments_Sandbox/2013-01-01";
    Instant timestamp;

    RawMws(int port) {
        this.port = port;
    }

    record Reply(int status, String contentType, String body, String requestIdHeader) {
        String value(String element) {
            Matcher m = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(body);
            return m.find() ? m.group(1) : null;
        }

        String code() {
            return value("Code");
        }
    }

    Map<String, String> common(Seller s, String action) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AWSAccessKeyId", s.accessKey());
        p.put("Action", action);
        p.put("SellerId", s.id());
        p.put("SignatureMethod", "HmacSHA256");
        p.put("SignatureVersion", "2");
        p.put("Timestamp", (timestamp != null ? timestamp : Instant.now()).truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("Version", "2013-01-01");
        return p;
    }

    Reply call(Seller s, String action, String... kv) throws Exception {
        Map<String, String> p = common(s, action);
        for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
        return send(p, s.secretKey(), "localhost:" + port);
    }

    Reply send(Map<String, String> p, String secret, String signedHost) throws Exception {
        String sts = "POST\n" + signedHost + "\n" + path + "\n" + SignatureVerifier.canonicalQuery(p);
        p.put("Signature", SignatureVerifier.sign(sts, secret, "HmacSHA256"));
        return post(p);
    }

    Reply post(Map<String, String> p) throws Exception {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (body.length() > 0) body.append('&');
            body.append(SignatureVerifier.encode(e.getKey())).append('=').append(SignatureVerifier.encode(e.getValue()));
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(),
                r.headers().firstValue("x-mws-request-id").orElse(null));
    }
}
