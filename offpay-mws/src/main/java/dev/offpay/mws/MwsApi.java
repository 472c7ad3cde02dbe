package dev.offpay.mws;

import dev.offpay.core.AccessTokens;
import dev.offpay.core.Authorization;
import dev.offpay.core.CallContext;
import dev.offpay.core.Capture;
import dev.offpay.core.Environment;
import dev.offpay.core.ErrorCode;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentException;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Refund;
import dev.offpay.core.Seller;
import dev.offpay.core.States.OrderReferenceState;
import dev.offpay.core.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Checkout v1 wire: turns a signed MWS request into a payment service call and its result into
 * XML. No business rules live here.
 */
public final class MwsApi {
    private static final Logger log = LoggerFactory.getLogger(MwsApi.class);
    static final String VERSION = "2013-01-01";
    public static final String SANDBOX_PATH = "/OffAmazonPayments_Sandbox/2013-01-01";
    public static final String LIVE_PATH = "/OffAmazonPayments/2013-01-01";
    private static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(15);
    private static final List<String> COMMON = List.of("AWSAccessKeyId", "Action", "SellerId", "SignatureMethod",
            "SignatureVersion", "Version", "Signature");
    private static final Set<String> BILLING_AGREEMENT_ACTIONS = Set.of("GetBillingAgreementDetails", "SetBillingAgreementDetails",
            "ConfirmBillingAgreement", "ValidateBillingAgreement", "AuthorizeOnBillingAgreement", "CreateOrderReferenceForId",
            "CloseBillingAgreement", "GetProviderCreditDetails", "GetProviderCreditReversalDetails", "ReverseProviderCredit",
            "GetMerchantNotificationConfiguration", "SetMerchantNotificationConfiguration");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)([Zz]|[+-]\\d{2}(?::?\\d{2})?)");
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;

    /** A request as received. {@code host} is the Host header. */
    public record Request(String method, String host, String path, Map<String, String> params) {
    }

    /** The answer: HTTP status, XML body, request id (also the x-mws-request-id header). */
    public record Response(int status, String body, String requestId, String action, String sellerId) {
    }

    @FunctionalInterface
    private interface Operation {
        String run(CallContext call, Params p, String requestId);
    }

    private final PaymentService payments;
    private final Store store;
    private final AccessTokens accessTokens;
    private final Clock clock;
    private final Throttle throttle;
    private final Set<String> extraHosts;
    private final Map<String, Operation> operations = new HashMap<>();

    /**
     * @param throttle null when throttling is off
     * @param extraHosts host names (with port) the server is also known by, for signature checks behind proxies
     */
    public MwsApi(PaymentService payments, Store store, AccessTokens accessTokens, Clock clock, Throttle throttle, Set<String> extraHosts) {
        this.payments = payments;
        this.store = store;
        this.accessTokens = accessTokens;
        this.clock = clock;
        this.throttle = throttle;
        this.extraHosts = extraHosts;
        operations.put("GetOrderReferenceDetails", this::getOrderReferenceDetails);
        operations.put("SetOrderReferenceDetails", this::setOrderReferenceDetails);
        operations.put("SetOrderAttributes", this::setOrderAttributes);
        operations.put("ConfirmOrderReference", this::confirmOrderReference);
        operations.put("CancelOrderReference", this::cancelOrderReference);
        operations.put("CloseOrderReference", this::closeOrderReference);
        operations.put("ListOrderReference", this::listOrderReference);
        operations.put("ListOrderReferenceByNextToken", this::listOrderReferenceByNextToken);
        operations.put("Authorize", this::authorize);
        operations.put("GetAuthorizationDetails", this::getAuthorizationDetails);
        operations.put("CloseAuthorization", this::closeAuthorization);
        operations.put("Capture", this::capture);
        operations.put("GetCaptureDetails", this::getCaptureDetails);
        operations.put("Refund", this::refund);
        operations.put("GetRefundDetails", this::getRefundDetails);
        operations.put("GetServiceStatus", this::getServiceStatus);
        operations.put("GetMerchantAccountStatus", this::getMerchantAccountStatus);
    }

    /** The environment a path selects, or null when it is not a CV1 endpoint. */
    public static Environment environmentOf(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (p.equals(SANDBOX_PATH)) return Environment.SANDBOX;
        if (p.equals(LIVE_PATH)) return Environment.LIVE;
        return null;
    }

    public Response handle(Request req) {
        String requestId = UUID.randomUUID().toString();
        String action = null;
        String sellerId = null;
        try {
            Environment env = environmentOf(req.path());
            if (env == null) {
                throw new PaymentException(ErrorCode.InvalidAddress, "The path " + req.path() + " is not an Off-Amazon Payments endpoint; expected "
                        + SANDBOX_PATH + " or " + LIVE_PATH);
            }
            Params p = new Params(req.params());
            action = p.optional("Action");
            sellerId = p.optional("SellerId");
            for (String name : COMMON) p.required(name);
            if (p.optional("Timestamp") == null && p.optional("Expires") == null) p.required("Timestamp");
            if (!VERSION.equals(p.required("Version"))) {
                throw new PaymentException(ErrorCode.InvalidAddress, "Version \"" + p.required("Version")
                        + "\" is not a valid version of the OffAmazonPayments section; expected " + VERSION);
            }
            Operation op = operations.get(action);
            if (op == null) {
                throw new PaymentException(ErrorCode.InvalidAddress, BILLING_AGREEMENT_ACTIONS.contains(action)
                        ? "The action " + action + " is not supported by this Offpay version yet (billing agreements and provider credits come later)."
                        : "The action " + action + " is not valid for the OffAmazonPayments section " + VERSION + ".");
            }
            String method = p.required("SignatureMethod");
            if (!method.equals("HmacSHA256") && !method.equals("HmacSHA1")) {
                throw Params.invalid("SignatureMethod \"" + method + "\" is not supported; expected HmacSHA256 or HmacSHA1");
            }
            if (!"2".equals(p.required("SignatureVersion"))) {
                throw Params.invalid("SignatureVersion \"" + p.required("SignatureVersion") + "\" is not supported; expected 2");
            }
            Seller caller = store.sellerByAccessKey(p.required("AWSAccessKeyId")).orElseThrow(() -> new PaymentException(
                    ErrorCode.InvalidAccessKeyId, "The AWS Access Key Id you provided does not exist in our records."));
            if (!SignatureVerifier.verify(req.method(), req.host(), extraHosts, req.path(), req.params(), caller.secretKey(), method,
                    p.required("Signature"))) {
                throw new PaymentException(ErrorCode.SignatureDoesNotMatch, "The request signature we calculated does not match the signature "
                        + "you provided. Check your AWS Secret Access Key and signing method: Signature Version 2, " + method
                        + ", string to sign = " + req.method() + "\\n<host>\\n" + req.path() + "\\n<sorted, RFC 3986 encoded parameters>.");
            }
            checkTime(p);
            Seller seller = authorizedSeller(caller, sellerId, p.optional("MWSAuthToken"));
            if (throttle != null && !throttle.allow(seller.id(), env, action)) {
                throw new PaymentException(ErrorCode.RequestThrottled, "Request is throttled");
            }
            String body = op.run(new CallContext(seller, env), p, requestId);
            return new Response(200, body, requestId, action, sellerId);
        } catch (PaymentException e) {
            return new Response(e.code().httpStatus(), Envelope.error(e.code(), e.getMessage(), requestId), requestId, action, sellerId);
        } catch (RuntimeException e) {
            log.error("request {} ({}) failed", requestId, action, e);
            return new Response(500, Envelope.error(ErrorCode.InternalServerError,
                    "There was an unexpected internal error (request " + requestId + "); retry the request.", requestId), requestId, action, sellerId);
        }
    }

    private void checkTime(Params p) {
        Instant now = clock.instant();
        String ts = p.optional("Timestamp");
        if (ts != null) {
            Instant t = parseTimestamp("Timestamp", ts);
            if (Duration.between(t, now).abs().compareTo(TIMESTAMP_WINDOW) > 0) {
                throw Params.invalid("Timestamp " + ts + " must be within 15 minutes of the server time " + ObjectXml.timestamp(now)
                        + "; the request has expired or the client clock is wrong.");
            }
        } else {
            Instant expires = parseTimestamp("Expires", p.required("Expires"));
            if (now.isAfter(expires)) {
                throw Params.invalid("Request has expired: Expires " + p.required("Expires") + " is before the server time " + ObjectXml.timestamp(now));
            }
        }
    }

    static Instant parseTimestamp(String name, String value) {
        Matcher m = TIMESTAMP.matcher(value.trim());
        if (!m.matches()) {
            throw Params.invalid(name + " \"" + value + "\" is not an ISO 8601 time; expected e.g. 2015-12-31T23:59:58Z");
        }
        String zone = m.group(2);
        if (zone.equalsIgnoreCase("z")) zone = "Z";
        else if (zone.length() == 3) zone = zone + ":00";
        else if (zone.length() == 5) zone = zone.substring(0, 3) + ":" + zone.substring(3);
        try {
            return OffsetDateTime.parse(m.group(1) + zone).toInstant();
        } catch (DateTimeParseException e) {
            throw Params.invalid(name + " \"" + value + "\" is not a valid time");
        }
    }

    /** The seller the call acts for: the key owner itself, or a seller who granted it an MWSAuthToken. */
    private Seller authorizedSeller(Seller caller, String sellerId, String mwsAuthToken) {
        Seller seller;
        if (sellerId.equals(caller.id()) && mwsAuthToken == null) {
            seller = caller;
        } else {
            seller = store.sellerById(sellerId).orElse(null);
            boolean granted = seller != null && mwsAuthToken != null
                    && seller.grant(mwsAuthToken).map(g -> g.developerId().equals(caller.id())).orElse(false);
            if (seller == null || !(granted || (seller.id().equals(caller.id()) && mwsAuthToken == null))) {
                throw new PaymentException(ErrorCode.AccessDenied, mwsAuthToken == null
                        ? "Access denied: the access key " + caller.accessKey() + " belongs to seller " + caller.id()
                        + ", not to SellerId " + sellerId + ". To act for another seller, send the MWSAuthToken that seller granted you."
                        : "Access denied: the MWSAuthToken does not grant the access key's seller " + caller.id() + " access to SellerId " + sellerId + ".");
            }
        }
        if (!seller.active()) {
            throw new PaymentException(ErrorCode.InvalidAccountStatus, "The account of seller " + seller.id() + " is not active.");
        }
        return seller;
    }

    // ------------------------------------------------------------------ order references

    private String orderReferenceResponse(String action, OrderReference o, String requestId, ObjectXml.View view) {
        return Envelope.success(action, requestId, (x, w) -> x.orderReferenceDetails("OrderReferenceDetails", o, view));
    }

    private String getOrderReferenceDetails(CallContext call, Params p, String requestId) {
        String id = p.required("AmazonOrderReferenceId");
        String token = p.optional("AccessToken");
        if (token == null) token = p.optional("AddressConsentToken");
        OrderReference o = payments.getOrderReference(call, id);
        boolean shipping = false;
        boolean billing = false;
        if (token != null) {
            Optional<AccessTokens.Grant> grant = accessTokens.validate(token, call.seller().id());
            if (grant.isEmpty() || (grant.get().buyerId() != null && !grant.get().buyerId().equals(o.buyerId()))) {
                throw new PaymentException(ErrorCode.InvalidAddressConsentToken, "The AccessToken or AddressConsentToken is invalid, "
                        + "expired, or was not issued to the buyer of OrderReference " + id + ".");
            }
            shipping = grant.get().allowsShippingAddress();
            billing = grant.get().allowsBillingAddress();
        }
        return orderReferenceResponse("GetOrderReferenceDetails", o, requestId, ObjectXml.View.of(o, shipping, billing));
    }

    private OrderReference.Attributes attributes(Params p, String prefix) {
        String soa = prefix + "SellerOrderAttributes.";
        String psp = prefix + "PaymentServiceProviderAttributes.";
        String supplementary = p.optional(soa + "SupplementaryData");
        if (supplementary == null) supplementary = p.optional(prefix + "SupplementaryData");
        return new OrderReference.Attributes(
                p.money(prefix + "OrderTotal", false),
                p.optional(prefix + "SellerNote", 1024),
                p.optional(prefix + "PlatformId", 64),
                p.optional(soa + "SellerOrderId", 256),
                p.optional(soa + "StoreName", 256),
                p.optional(soa + "CustomInformation", 1024),
                supplementary,
                p.list(soa + "OrderItemCategories.OrderItemCategory"),
                p.bool(prefix + "RequestPaymentAuthorization"),
                p.optional(psp + "PaymentServiceProviderId", 256),
                p.optional(psp + "PaymentServiceProviderOrderId", 256));
    }

    private String setOrderReferenceDetails(CallContext call, Params p, String requestId) {
        String id = p.required("AmazonOrderReferenceId");
        p.money("OrderReferenceAttributes.OrderTotal", true);
        OrderReference o = payments.setOrderReferenceDetails(call, id, attributes(p, "OrderReferenceAttributes."));
        return orderReferenceResponse("SetOrderReferenceDetails", o, requestId, ObjectXml.View.of(o, false, false));
    }

    private String setOrderAttributes(CallContext call, Params p, String requestId) {
        String id = p.required("AmazonOrderReferenceId");
        OrderReference o = payments.setOrderAttributes(call, id, attributes(p, "OrderAttributes."));
        return orderReferenceResponse("SetOrderAttributes", o, requestId, ObjectXml.View.of(o, false, false));
    }

    private String confirmOrderReference(CallContext call, Params p, String requestId) {
        String id = p.required("AmazonOrderReferenceId");
        p.optional("SuccessUrl", 2048);
        p.optional("FailureUrl", 2048);
        p.money("AuthorizationAmount", false);
        Boolean immediate = p.bool("ExpectImmediateAuthorization");
        payments.confirm(call, id, Boolean.TRUE.equals(immediate));
        return Envelope.success("ConfirmOrderReference", requestId, null);
    }

    private String cancelOrderReference(CallContext call, Params p, String requestId) {
        payments.cancel(call, p.required("AmazonOrderReferenceId"), p.optional("CancelationReason", 1024));
        return Envelope.success("CancelOrderReference", requestId, null);
    }

    private String closeOrderReference(CallContext call, Params p, String requestId) {
        payments.close(call, p.required("AmazonOrderReferenceId"), p.optional("ClosureReason", 1024));
        return Envelope.success("CloseOrderReference", requestId, null);
    }

    private String listOrderReference(CallContext call, Params p, String requestId) {
        String type = p.required("QueryIdType");
        if (!type.equals("SellerOrderId")) {
            throw Params.invalid("QueryIdType \"" + type + "\" is not supported; expected SellerOrderId");
        }
        String domain = p.required("PaymentDomain");
        Set<String> domains = Set.of("NA_USD", "EU_EUR", "EU_GBP", "FE_JPY");
        if (!domains.contains(domain)) {
            throw Params.invalid("PaymentDomain \"" + domain + "\" is invalid; expected one of NA_USD, EU_EUR, EU_GBP, FE_JPY");
        }
        String start = p.optional("CreatedTimeRange.StartTime");
        String end = p.optional("CreatedTimeRange.EndTime");
        if (end != null && start == null) throw Params.invalid("CreatedTimeRange.EndTime needs CreatedTimeRange.StartTime");
        String sort = p.optional("SortOrder");
        if (sort != null && !sort.equals("Ascending") && !sort.equals("Descending")) {
            throw Params.invalid("SortOrder \"" + sort + "\" is invalid; expected Ascending or Descending");
        }
        Set<OrderReferenceState> states = EnumSet.noneOf(OrderReferenceState.class);
        List<String> filter = p.list("OrderReferenceStatusListFilter.OrderReferenceStatus");
        if (filter != null) {
            for (String s : filter) {
                OrderReferenceState st = null;
                for (OrderReferenceState c : OrderReferenceState.values()) if (c.name().equalsIgnoreCase(s)) st = c;
                if (st == null) throw Params.invalid("OrderReferenceStatus \"" + s + "\" is invalid; expected Draft, Open, Suspended, Canceled or Closed");
                states.add(st);
            }
        }
        int pageSize = Optional.ofNullable(p.integer("PageSize", 1, MAX_PAGE_SIZE)).orElse(DEFAULT_PAGE_SIZE);
        Store.ListQuery q = new Store.ListQuery(call.seller().id(), call.environment(), p.required("QueryId"),
                start == null ? null : parseTimestamp("CreatedTimeRange.StartTime", start),
                end == null ? null : parseTimestamp("CreatedTimeRange.EndTime", end),
                states, "Ascending".equals(sort), 0, pageSize);
        return listPage("ListOrderReference", q, requestId);
    }

    private String listPage(String action, Store.ListQuery q, String requestId) {
        List<OrderReference> page = payments.list(new Store.ListQuery(q.sellerId(), q.environment(), q.sellerOrderId(),
                q.createdFrom(), q.createdTo(), q.states(), q.ascending(), q.offset(), q.limit() + 1));
        boolean more = page.size() > q.limit();
        List<OrderReference> items = more ? page.subList(0, q.limit()) : page;
        String next = more ? NextPageToken.encode(q, q.offset() + q.limit()) : null;
        return Envelope.success(action, requestId, (x, w) -> {
            w.writeStartElement("OrderReferenceList");
            for (OrderReference o : items) x.orderReferenceSummary(o);
            w.writeEndElement();
            x.text("NextPageToken", next);
        });
    }

    private String listOrderReferenceByNextToken(CallContext call, Params p, String requestId) {
        Store.ListQuery q = NextPageToken.decode(p.required("NextPageToken"));
        if (!q.sellerId().equals(call.seller().id()) || q.environment() != call.environment()) {
            throw Params.invalid("NextPageToken was not issued to this seller and environment");
        }
        return listPage("ListOrderReferenceByNextToken", q, requestId);
    }

    // ------------------------------------------------------------------ transactions

    private String authorize(CallContext call, Params p, String requestId) {
        String id = p.required("AmazonOrderReferenceId");
        OrderReference.AuthorizeRequest r = new OrderReference.AuthorizeRequest(
                p.referenceId("AuthorizationReferenceId"),
                p.money("AuthorizationAmount", true),
                p.optional("SellerAuthorizationNote", 255),
                p.integer("TransactionTimeout", 0, 1440),
                Boolean.TRUE.equals(p.bool("CaptureNow")),
                p.optional("SoftDescriptor", 16));
        Authorization a = payments.authorize(call, id, r);
        return Envelope.success("Authorize", requestId, (x, w) -> x.authorizationDetails(a));
    }

    private String getAuthorizationDetails(CallContext call, Params p, String requestId) {
        Authorization a = payments.getAuthorization(call, p.required("AmazonAuthorizationId"));
        return Envelope.success("GetAuthorizationDetails", requestId, (x, w) -> x.authorizationDetails(a));
    }

    private String closeAuthorization(CallContext call, Params p, String requestId) {
        payments.closeAuthorization(call, p.required("AmazonAuthorizationId"), p.optional("ClosureReason", 255));
        return Envelope.success("CloseAuthorization", requestId, null);
    }

    private String capture(CallContext call, Params p, String requestId) {
        String authId = p.required("AmazonAuthorizationId");
        OrderReference.CaptureRequest r = new OrderReference.CaptureRequest(
                p.referenceId("CaptureReferenceId"),
                p.money("CaptureAmount", true),
                p.optional("SellerCaptureNote", 255),
                p.optional("SoftDescriptor", 16));
        Capture c = payments.capture(call, authId, r);
        return Envelope.success("Capture", requestId, (x, w) -> x.captureDetails(c));
    }

    private String getCaptureDetails(CallContext call, Params p, String requestId) {
        Capture c = payments.getCapture(call, p.required("AmazonCaptureId"));
        return Envelope.success("GetCaptureDetails", requestId, (x, w) -> x.captureDetails(c));
    }

    private String refund(CallContext call, Params p, String requestId) {
        String captureId = p.required("AmazonCaptureId");
        OrderReference.RefundRequest r = new OrderReference.RefundRequest(
                p.referenceId("RefundReferenceId"),
                p.money("RefundAmount", true),
                p.optional("SellerRefundNote", 255),
                p.optional("SoftDescriptor", 16));
        Refund refund = payments.refund(call, captureId, r);
        return Envelope.success("Refund", requestId, (x, w) -> x.refundDetails(refund));
    }

    private String getRefundDetails(CallContext call, Params p, String requestId) {
        Refund r = payments.getRefund(call, p.required("AmazonRefundId"));
        return Envelope.success("GetRefundDetails", requestId, (x, w) -> x.refundDetails(r));
    }

    // ------------------------------------------------------------------ status

    private String getServiceStatus(CallContext call, Params p, String requestId) {
        Instant now = clock.instant();
        return Envelope.success("GetServiceStatus", requestId, (x, w) -> {
            x.text("Status", "GREEN");
            x.time("Timestamp", now);
        });
    }

    private String getMerchantAccountStatus(CallContext call, Params p, String requestId) {
        return Envelope.success("GetMerchantAccountStatus", requestId,
                (x, w) -> x.text("AccountStatus", call.seller().active() ? "ACTIVE" : "INACTIVE"));
    }

    /** The opaque NextPageToken: base64 of the query and the next offset. */
    static final class NextPageToken {
        private NextPageToken() {
        }

        static String encode(Store.ListQuery q, int offset) {
            String states = String.join(",", q.states().stream().map(Enum::name).toList());
            String raw = String.join("\n", q.sellerId(), q.environment().name(), q.sellerOrderId(),
                    q.createdFrom() == null ? "" : Long.toString(q.createdFrom().toEpochMilli()),
                    q.createdTo() == null ? "" : Long.toString(q.createdTo().toEpochMilli()),
                    states, Boolean.toString(q.ascending()), Integer.toString(offset), Integer.toString(q.limit()));
            return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Store.ListQuery decode(String token) {
            try {
                String[] f = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
                Set<OrderReferenceState> states = EnumSet.noneOf(OrderReferenceState.class);
                if (!f[5].isEmpty()) for (String s : f[5].split(",")) states.add(OrderReferenceState.valueOf(s));
                return new Store.ListQuery(f[0], Environment.valueOf(f[1]), f[2],
                        f[3].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f[3])),
                        f[4].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f[4])),
                        states, Boolean.parseBoolean(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]));
            } catch (RuntimeException e) {
                throw Params.invalid("NextPageToken is not a token this service issued");
            }
        }
    }
}
