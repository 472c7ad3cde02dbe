package dev.offpay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Offpay's sandbox helper that stands in for the buyer's widget session: each call yields a Draft
 * order reference with the default test buyer's address and payment method already chosen.
 */
public final class SandboxOrderReferences {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;

    /** A helper for the seller whose keys are given, at {@code baseUrl}/sandbox/v1/order-references. */
    public SandboxOrderReferences(HttpClient http, URI baseUrl, String accessKey, String secretKey, Duration timeout) {
        this.http = http;
        this.endpoint = URI.create(baseUrl.toString() + "/sandbox/v1/order-references");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accessKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    /** Thrown when the helper answers anything but a new order reference. */
    public static final class HelperException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int httpStatus;
        private final String errorCode;

        HelperException(int httpStatus, String errorCode, String message) {
            super(message);
            this.httpStatus = httpStatus;
            this.errorCode = errorCode;
        }

        /** The HTTP status of the answer. */
        public int httpStatus() {
            return httpStatus;
        }

        /** The {@code error} field of a JSON error answer (e.g. {@code Unauthorized}), or null. */
        public String errorCode() {
            return errorCode;
        }
    }

    /** Creates a Draft order reference and returns its id. */
    public String createDraft() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new HelperException(response.statusCode(), jsonErrorCode(response.body()), "POST " + endpoint
                    + " answered HTTP " + response.statusCode() + ": " + shorten(response.body()));
        }
        JsonNode id = JSON.readTree(response.body()).get("amazonOrderReferenceId");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new HelperException(response.statusCode(), null, "POST " + endpoint
                    + " answered without amazonOrderReferenceId: " + shorten(response.body()));
        }
        return id.asText();
    }

    private static String jsonErrorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body).get("error");
            return error != null && error.isTextual() ? error.asText() : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static String shorten(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
