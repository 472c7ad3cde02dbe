package dev.offpay.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * A client for the Amazon Pay Checkout v1 API (Off-Amazon Payments, Version 2013-01-01), against
 * Offpay or Amazon. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * OffpayClient client = OffpayClient.builder()
 *     .endpoint("http://127.0.0.1:8080").sandbox(true)
 *     .sellerId("A2K7NDRCTOTPW9").accessKey("...").secretKey("...")
 *     .build();
 * client.setOrderReferenceDetails(SetOrderReferenceDetailsRequest.of(id, Price.of("100.00", "USD")));
 * }</pre>
 */
public final class OffpayClient {

    /** The API version every request carries. */
    public static final String VERSION = "2013-01-01";
    /** Path of the sandbox environment. */
    public static final String SANDBOX_PATH = "/OffAmazonPayments_Sandbox/" + VERSION;
    /** Path of the production ("Live") environment. */
    public static final String LIVE_PATH = "/OffAmazonPayments/" + VERSION;
    /** Amazon's North America endpoint (USD). */
    public static final URI AMAZON_NA = URI.create("https://mws.amazonservices.com");
    /** Amazon's Europe endpoint (EUR, GBP). */
    public static final URI AMAZON_EU = URI.create("https://mws-eu.amazonservices.com");
    /** Amazon's Japan endpoint (JPY). */
    public static final URI AMAZON_JP = URI.create("https://mws.amazonservices.jp");

    private static final String USER_AGENT = "offpay-client/0.1 (Java/" + Runtime.version().feature() + ")";

    private final URI serviceUri;
    private final String hostLine;
    private final String path;
    private final String sellerId;
    private final String accessKey;
    private final String secretKey;
    private final String mwsAuthToken;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final HttpClient http;

    private OffpayClient(Builder builder) {
        URI endpoint = Objects.requireNonNull(builder.endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// URL, was " + endpoint);
        }
        this.hostLine = SignatureV2.hostLine(endpoint);
        // A base path (an Offpay behind a path-prefixing proxy) is kept in front of the API path.
        String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        while (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
        this.path = basePath + (builder.sandbox ? SANDBOX_PATH : LIVE_PATH);
        this.serviceUri = URI.create(scheme.toLowerCase(Locale.ROOT) + "://" + endpoint.getRawAuthority() + path);
        this.sellerId = requireText(builder.sellerId, "sellerId");
        this.accessKey = requireText(builder.accessKey, "accessKey");
        this.secretKey = requireText(builder.secretKey, "secretKey");
        this.mwsAuthToken = builder.mwsAuthToken;
        this.requestTimeout = builder.requestTimeout;
        this.retryPolicy = builder.retryPolicy;
        this.clock = builder.clock;
        this.http = builder.httpClient != null ? builder.httpClient
                : HttpClient.newBuilder()
                        // MWS speaks HTTP/1.1; this also avoids an h2c upgrade attempt on plain http.
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(builder.connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** A builder; endpoint, sellerId, accessKey and secretKey are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The full URL requests are posted to, e.g. {@code http://127.0.0.1:8080/OffAmazonPayments_Sandbox/2013-01-01}. */
    public URI serviceUri() {
        return serviceUri;
    }

    /** The host line this client signs ({@code host[:port]}, port only when not the scheme's default). */
    public String hostLine() {
        return hostLine;
    }

    /** The seller this client acts for. */
    public String sellerId() {
        return sellerId;
    }

    // ---- order reference ---------------------------------------------------------------------------

    /** GetOrderReferenceDetails without an access token. */
    public OrderReferenceResponse getOrderReferenceDetails(String amazonOrderReferenceId) {
        return getOrderReferenceDetails(GetOrderReferenceDetailsRequest.of(amazonOrderReferenceId));
    }

    /** GetOrderReferenceDetails. */
    public OrderReferenceResponse getOrderReferenceDetails(GetOrderReferenceDetailsRequest request) {
        return invoke(request, ResponseParser::orderReference);
    }

    /** SetOrderReferenceDetails (Draft only). */
    public OrderReferenceResponse setOrderReferenceDetails(SetOrderReferenceDetailsRequest request) {
        return invoke(request, ResponseParser::orderReference);
    }

    /** SetOrderAttributes. */
    public OrderReferenceResponse setOrderAttributes(SetOrderAttributesRequest request) {
        return invoke(request, ResponseParser::orderReference);
    }

    /** ConfirmOrderReference (Draft → Open) without SCA parameters. */
    public EmptyResponse confirmOrderReference(String amazonOrderReferenceId) {
        return confirmOrderReference(ConfirmOrderReferenceRequest.of(amazonOrderReferenceId));
    }

    /** ConfirmOrderReference. */
    public EmptyResponse confirmOrderReference(ConfirmOrderReferenceRequest request) {
        return invoke(request, ResponseParser::empty);
    }

    /** CancelOrderReference; {@code cancelationReason} may be null. */
    public EmptyResponse cancelOrderReference(String amazonOrderReferenceId, String cancelationReason) {
        Map<String, String> params = new Parameters()
                .put("AmazonOrderReferenceId", Objects.requireNonNull(amazonOrderReferenceId, "amazonOrderReferenceId"))
                .put("CancelationReason", cancelationReason)
                .toMap();
        return invoke("CancelOrderReference", params, ResponseParser::empty);
    }

    /** CloseOrderReference; {@code closureReason} may be null. */
    public EmptyResponse closeOrderReference(String amazonOrderReferenceId, String closureReason) {
        Map<String, String> params = new Parameters()
                .put("AmazonOrderReferenceId", Objects.requireNonNull(amazonOrderReferenceId, "amazonOrderReferenceId"))
                .put("ClosureReason", closureReason)
                .toMap();
        return invoke("CloseOrderReference", params, ResponseParser::empty);
    }

    /** ListOrderReference (first page). */
    public OrderReferenceListResponse listOrderReference(ListOrderReferenceRequest request) {
        return invoke(request, ResponseParser::orderReferenceList);
    }

    /** ListOrderReferenceByNextToken (following pages). */
    public OrderReferenceListResponse listOrderReferenceByNextToken(String nextPageToken) {
        Map<String, String> params = Map.of("NextPageToken", Objects.requireNonNull(nextPageToken, "nextPageToken"));
        return invoke("ListOrderReferenceByNextToken", params, ResponseParser::orderReferenceList);
    }

    // ---- payments ----------------------------------------------------------------------------------

    /** Authorize. */
    public AuthorizationResponse authorize(AuthorizeRequest request) {
        return invoke(request, ResponseParser::authorization);
    }

    /** GetAuthorizationDetails. */
    public AuthorizationResponse getAuthorizationDetails(String amazonAuthorizationId) {
        Map<String, String> params =
                Map.of("AmazonAuthorizationId", Objects.requireNonNull(amazonAuthorizationId, "amazonAuthorizationId"));
        return invoke("GetAuthorizationDetails", params, ResponseParser::authorization);
    }

    /** CloseAuthorization; {@code closureReason} (shown to the buyer) may be null. */
    public EmptyResponse closeAuthorization(String amazonAuthorizationId, String closureReason) {
        Map<String, String> params = new Parameters()
                .put("AmazonAuthorizationId", Objects.requireNonNull(amazonAuthorizationId, "amazonAuthorizationId"))
                .put("ClosureReason", closureReason)
                .toMap();
        return invoke("CloseAuthorization", params, ResponseParser::empty);
    }

    /** Capture. */
    public CaptureResponse capture(CaptureRequest request) {
        return invoke(request, ResponseParser::capture);
    }

    /** GetCaptureDetails. */
    public CaptureResponse getCaptureDetails(String amazonCaptureId) {
        Map<String, String> params = Map.of("AmazonCaptureId", Objects.requireNonNull(amazonCaptureId, "amazonCaptureId"));
        return invoke("GetCaptureDetails", params, ResponseParser::capture);
    }

    /** Refund. */
    public RefundResponse refund(RefundRequest request) {
        return invoke(request, ResponseParser::refund);
    }

    /** GetRefundDetails. */
    public RefundResponse getRefundDetails(String amazonRefundId) {
        Map<String, String> params = Map.of("AmazonRefundId", Objects.requireNonNull(amazonRefundId, "amazonRefundId"));
        return invoke("GetRefundDetails", params, ResponseParser::refund);
    }

    /** GetServiceStatus (throttled hard by Amazon: 2 calls, then one per 5 minutes). */
    public ServiceStatusResponse getServiceStatus() {
        return invoke("GetServiceStatus", Map.of(), (action, xml) -> ResponseParser.serviceStatus(xml));
    }

    // ---- escape hatch ------------------------------------------------------------------------------

    /**
     * Sends any action with any parameters and returns the answer as it came, whatever its status.
     * The common parameters are filled in first and {@code params} may override them: a null value
     * removes a parameter, and a {@code Signature} entry is sent verbatim instead of the computed one
     * (a null {@code Signature} sends none). The client's retry policy applies.
     */
    public RawResponse call(String action, Map<String, String> params) {
        return toRawResponse(action, exchange(action, params));
    }

    /** Sends a typed request and returns the answer as it came, whatever its status. */
    public RawResponse call(OffpayRequest request) {
        return call(request.action(), request.toParameters());
    }

    // ---- transport ---------------------------------------------------------------------------------

    private <T> T invoke(OffpayRequest request, BiFunction<String, String, T> parser) {
        return invoke(request.action(), request.toParameters(), parser);
    }

    private <T> T invoke(String action, Map<String, String> params, BiFunction<String, String, T> parser) {
        HttpResponse<byte[]> response = exchange(action, params);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw ResponseParser.error(action, response.statusCode(), body, headerRequestId(response));
        }
        return parser.apply(action, body);
    }

    private HttpResponse<byte[]> exchange(String action, Map<String, String> params) {
        for (int attempt = 1; ; attempt++) {
            // Signed anew for every attempt: a retry carries a fresh Timestamp.
            String body = SignatureV2.formBody(signedParameters(action, params));
            HttpRequest request = HttpRequest.newBuilder(serviceUri)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (!retryPolicy.shouldRetry(response.statusCode(), attempt)) {
                    return response;
                }
            } catch (IOException e) {
                if (!retryPolicy.shouldRetry(RetryPolicy.NO_RESPONSE, attempt)) {
                    throw new OffpayException(action + " to " + serviceUri + " got no response after " + attempt
                            + " attempt(s): " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OffpayException(action + " was interrupted", e);
            }
            pause(action, retryPolicy.delay(attempt, ThreadLocalRandom.current()));
        }
    }

    private static void pause(String action, Duration delay) {
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OffpayException(action + " was interrupted while waiting to retry", e);
        }
    }

    private static RawResponse toRawResponse(String action, HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String requestId = ResponseParser.requestIdOf(body);
        if (requestId == null) {
            requestId = headerRequestId(response);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        return new RawResponse(action, response.statusCode(), body, requestId, contentType);
    }

    private static String headerRequestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-mws-request-id").orElse(null);
    }

    /** The complete parameter set of one attempt, Signature included (package-private for tests). */
    Map<String, String> signedParameters(String action, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("AWSAccessKeyId", accessKey);
        all.put("Action", action);
        all.put("SellerId", sellerId);
        if (mwsAuthToken != null) {
            all.put("MWSAuthToken", mwsAuthToken);
        }
        all.put("SignatureMethod", SignatureV2.HMAC_SHA256);
        all.put("SignatureVersion", "2");
        all.put("Timestamp", SignatureV2.timestamp(clock.instant()));
        all.put("Version", VERSION);
        String givenSignature = null;
        boolean signatureGiven = false;
        for (Map.Entry<String, String> entry : params.entrySet()) {
            if (SignatureV2.SIGNATURE.equals(entry.getKey())) {
                signatureGiven = true;
                givenSignature = entry.getValue();
            } else if (entry.getValue() == null) {
                all.remove(entry.getKey());
            } else {
                all.put(entry.getKey(), entry.getValue());
            }
        }
        if (signatureGiven) {
            if (givenSignature != null) {
                all.put(SignatureV2.SIGNATURE, givenSignature);
            }
            return all;
        }
        String method = all.get("SignatureMethod");
        // A caller probing the server with an unknown method still gets a request out; the server rejects it.
        String algorithm = SignatureV2.HMAC_SHA1.equals(method) ? SignatureV2.HMAC_SHA1 : SignatureV2.HMAC_SHA256;
        String toSign = SignatureV2.stringToSign("POST", hostLine, path, all);
        all.put(SignatureV2.SIGNATURE, SignatureV2.sign(toSign, secretKey, algorithm));
        return all;
    }

    @Override
    public String toString() {
        return "OffpayClient{" + serviceUri + ", sellerId=" + sellerId + ", accessKey=" + accessKey + "}";
    }

    /** Configures an {@link OffpayClient}. */
    public static final class Builder {
        private URI endpoint;
        private boolean sandbox = true;
        private String sellerId;
        private String accessKey;
        private String secretKey;
        private String mwsAuthToken;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;

        private Builder() {}

        /** Base URL of the service, scheme://host[:port][/prefix], e.g. {@code http://127.0.0.1:8080}. */
        public Builder endpoint(String baseUrl) {
            return endpoint(URI.create(baseUrl));
        }

        /** Base URL of the service. */
        public Builder endpoint(URI baseUrl) {
            this.endpoint = Objects.requireNonNull(baseUrl, "endpoint");
            return this;
        }

        /** {@code true} (the default) posts to the sandbox path, {@code false} to the live one. */
        public Builder sandbox(boolean value) {
            this.sandbox = value;
            return this;
        }

        /** The seller (merchant) id sent as {@code SellerId}. */
        public Builder sellerId(String value) {
            this.sellerId = value;
            return this;
        }

        /** The MWS access key sent as {@code AWSAccessKeyId}. */
        public Builder accessKey(String value) {
            this.accessKey = value;
            return this;
        }

        /** The MWS secret key; only ever used to sign, never sent. */
        public Builder secretKey(String value) {
            this.secretKey = value;
            return this;
        }

        /** {@code MWSAuthToken} for a solution provider acting for the seller; null for none. */
        public Builder mwsAuthToken(String value) {
            this.mwsAuthToken = value;
            return this;
        }

        /** Connect timeout of the built-in HTTP client (default 10 s; ignored with {@link #httpClient}). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /** Time allowed for one attempt's response (default 30 s). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        /** When to retry; default {@link RetryPolicy#defaults()}. */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /** Clock for the {@code Timestamp} parameter (default system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** An HTTP client of your own, e.g. one trusting a private CA. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = value;
            return this;
        }

        /** The client; throws {@link IllegalArgumentException} when a required setting is missing. */
        public OffpayClient build() {
            if (endpoint == null) {
                throw new IllegalArgumentException("endpoint is required, e.g. http://127.0.0.1:8080");
            }
            return new OffpayClient(this);
        }
    }
}
