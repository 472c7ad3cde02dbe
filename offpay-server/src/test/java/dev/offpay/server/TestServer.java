package dev.offpay.server;

import dev.offpay.core.Seller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real Offpay server on port 0 with an embedded store in a temporary directory, plus sandbox-helper calls. */
final class TestServer implements AutoCloseable {
    final OffpayServer server;
    final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    TestServer(Config.Builder config) throws Exception {
        this.dir = Files.createTempDirectory("offpay-test");
        this.server = OffpayServer.start(config.port(0).dataDir(dir).quiet(true).build());
    }

    static TestServer start() throws Exception {
        return new TestServer(Config.builder());
    }

    Seller seller() {
        return server.defaultSeller();
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    /** POST a JSON body with the seller's Basic credentials; returns status and body. */
    HttpResponse<String> sandboxPost(Seller s, String path, String json) throws Exception {
        String auth = Base64.getEncoder().encodeToString((s.accessKey() + ":" + s.secretKey()).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A Draft order reference as the default test buyer would create it. */
    String draft(Seller s, String json) throws Exception {
        HttpResponse<String> r = sandboxPost(s, "/sandbox/v1/order-references", json);
        if (r.statusCode() != 201) throw new AssertionError("creating a draft failed: " + r.statusCode() + " " + r.body());
        Matcher m = Pattern.compile("\"amazonOrderReferenceId\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) throw new AssertionError(r.body());
        return m.group(1);
    }

    String draft() throws Exception {
        return draft(seller(), "{}");
    }

    void advance(Seller s, String duration) throws Exception {
        HttpResponse<String> r = sandboxPost(s, "/sandbox/v1/clock", "{\"advance\":\"" + duration + "\"}");
        if (r.statusCode() != 200) throw new AssertionError(r.statusCode() + " " + r.body());
    }

    @Override
    public void close() {
        server.close();
    }
}
