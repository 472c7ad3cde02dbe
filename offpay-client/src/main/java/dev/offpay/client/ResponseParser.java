package dev.offpay.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;

/**
 * Turns CV1 response documents into the typed responses. Elements are matched by local name in any
 * order; unknown ones are ignored. Values that cannot be what the spec says they are (an amount that
 * is not a decimal, a timestamp that is not ISO-8601) are reported, not guessed.
 */
public final class ResponseParser {

    private ResponseParser() {}

    /** A {@code GetOrderReferenceDetails}, {@code SetOrderReferenceDetails} or {@code SetOrderAttributes} answer. */
    public static OrderReferenceResponse orderReference(String action, String xml) {
        XmlElement root = root(action, xml);
        return new OrderReferenceResponse(requestId(root), orderReferenceDetails(required(root, "OrderReferenceDetails")));
    }

    /** An {@code Authorize} or {@code GetAuthorizationDetails} answer. */
    public static AuthorizationResponse authorization(String action, String xml) {
        XmlElement root = root(action, xml);
        return new AuthorizationResponse(requestId(root), authorizationDetails(required(root, "AuthorizationDetails")));
    }

    /** A {@code Capture} or {@code GetCaptureDetails} answer. */
    public static CaptureResponse capture(String action, String xml) {
        XmlElement root = root(action, xml);
        return new CaptureResponse(requestId(root), captureDetails(required(root, "CaptureDetails")));
    }

    /** A {@code Refund} or {@code GetRefundDetails} answer. */
    public static RefundResponse refund(String action, String xml) {
        XmlElement root = root(action, xml);
        return new RefundResponse(requestId(root), refundDetails(required(root, "RefundDetails")));
    }

    /** An answer without payload (Confirm/Cancel/CloseOrderReference, CloseAuthorization). */
    public static EmptyResponse empty(String action, String xml) {
        return new EmptyResponse(requestId(root(action, xml)));
    }

    /** A {@code ListOrderReference} or {@code ListOrderReferenceByNextToken} answer. */
    public static OrderReferenceListResponse orderReferenceList(String action, String xml) {
        XmlElement root = root(action, xml);
        XmlElement result = root.child(action + "Result");
        List<OrderReferenceDetails> items = new ArrayList<>();
        String nextPageToken = null;
        if (result != null) {
            XmlElement list = result.child("OrderReferenceList");
            if (list != null) {
                for (XmlElement item : list.children("OrderReference")) {
                    items.add(orderReferenceDetails(item));
                }
            }
            nextPageToken = emptyToNull(result.childText("NextPageToken"));
        }
        return new OrderReferenceListResponse(requestId(root), items, nextPageToken);
    }

    /** A {@code GetServiceStatus} answer. */
    public static ServiceStatusResponse serviceStatus(String xml) {
        String action = "GetServiceStatus";
        XmlElement root = root(action, xml);
        XmlElement result = required(root, action + "Result");
        List<ServiceStatusResponse.Message> messages = new ArrayList<>();
        XmlElement list = result.child("Messages");
        if (list != null) {
            for (XmlElement message : list.children("Message")) {
                messages.add(new ServiceStatusResponse.Message(message.childText("Locale"), message.childText("Text")));
            }
        }
        return new ServiceStatusResponse(requestId(root), result.childText("Status"),
                instant(result, "Timestamp"), result.childText("MessageId"), messages);
    }

    /**
     * The exception for a non-200 answer: Type/Code/Message from an {@code ErrorResponse} body when
     * there is one, else the body itself (shortened) as the message.
     */
    public static OffpayApiException error(String action, int httpStatus, String body, String headerRequestId) {
        try {
            XmlElement root = XmlElement.parse(body);
            XmlElement error = root.find("Error");
            if (error != null) {
                String requestId = requestIdOrNull(root);
                return new OffpayApiException(action, httpStatus, error.childText("Type"), error.childText("Code"),
                        error.childText("Message"), requestId != null ? requestId : headerRequestId, body);
            }
        } catch (XMLStreamException | RuntimeException notXml) {
            // Fall through: a proxy or a crashed server may answer with HTML or nothing at all.
        }
        String shortened = body == null ? "" : body.strip();
        if (shortened.length() > 500) {
            shortened = shortened.substring(0, 500) + "…";
        }
        return new OffpayApiException(action, httpStatus, null, null, shortened, headerRequestId, body);
    }

    /** The request id of any CV1 document ({@code RequestId} or throttling's {@code RequestID}), or null. */
    public static String requestIdOf(String xml) {
        try {
            return requestIdOrNull(XmlElement.parse(xml));
        } catch (XMLStreamException | RuntimeException notXml) {
            return null;
        }
    }

    // ----------------------------------------------------------------------------------------------

    private static XmlElement root(String action, String xml) {
        XmlElement root;
        try {
            root = XmlElement.parse(xml);
        } catch (XMLStreamException e) {
            throw new OffpayException(action + " answered 200 with a body that is not XML: " + e.getMessage(), e);
        }
        // The official Java client binds the root by name, so a wrong root is a broken answer there too.
        String expected = action + "Response";
        if (!root.name().equals(expected)) {
            throw new OffpayException(action + " answered with root element <" + root.name() + ">, expected <" + expected + ">");
        }
        return root;
    }

    private static XmlElement required(XmlElement root, String name) {
        XmlElement element = root.find(name);
        if (element == null) {
            throw new OffpayException(root.name() + " has no <" + name + "> element");
        }
        return element;
    }

    private static String requestId(XmlElement root) {
        String id = requestIdOrNull(root);
        if (id == null) {
            throw new OffpayException(root.name() + " has no ResponseMetadata/RequestId");
        }
        return id;
    }

    private static String requestIdOrNull(XmlElement root) {
        XmlElement id = root.find("RequestId");
        if (id == null) {
            id = root.find("RequestID");
        }
        return id == null ? null : emptyToNull(id.text() == null ? null : id.text().strip());
    }

    static OrderReferenceDetails orderReferenceDetails(XmlElement e) {
        XmlElement psp = e.child("PaymentServiceProviderAttributes");
        return new OrderReferenceDetails(
                e.childText("AmazonOrderReferenceId"),
                buyer(e.child("Buyer")),
                price(e, "OrderTotal"),
                e.childText("SellerNote"),
                e.childText("PlatformId"),
                address(e.path("Destination", "PhysicalDestination")),
                paymentDescriptor(e.child("PaymentDescriptor")),
                address(e.path("BillingAddress", "PhysicalAddress")),
                e.childText("ReleaseEnvironment"),
                sellerOrderAttributes(e.child("SellerOrderAttributes")),
                status(e.child("OrderReferenceStatus")),
                constraints(e.child("Constraints")),
                instant(e, "CreationTimestamp"),
                instant(e, "ExpirationTimestamp"),
                parentDetails(e.child("ParentDetails")),
                idList(e.child("IdList")),
                e.childText("OrderLanguage"),
                bool(e, "RequestPaymentAuthorization"),
                psp == null ? null : new PaymentServiceProviderAttributes(
                        psp.childText("PaymentServiceProviderId"), psp.childText("PaymentServiceProviderOrderId")),
                textAt(e, "PaymentReference", "StaticToken"),
                textAt(e, "PaymentAuthenticationStatus", "State"));
    }

    static AuthorizationDetails authorizationDetails(XmlElement e) {
        XmlElement categories = e.child("OrderItemCategories");
        return new AuthorizationDetails(
                e.childText("AmazonAuthorizationId"),
                e.childText("AuthorizationReferenceId"),
                address(e.child("AuthorizationBillingAddress")),
                e.childText("SellerAuthorizationNote"),
                price(e, "AuthorizationAmount"),
                price(e, "CapturedAmount"),
                price(e, "AuthorizationFee"),
                idList(e.child("IdList")),
                instant(e, "CreationTimestamp"),
                instant(e, "ExpirationTimestamp"),
                status(e.child("AuthorizationStatus")),
                categories == null ? List.of() : texts(categories.children("OrderItemCategory")),
                Boolean.TRUE.equals(bool(e, "CaptureNow")),
                e.childText("SoftDescriptor"),
                e.childText("AddressVerificationCode"),
                Boolean.TRUE.equals(bool(e, "SoftDecline")));
    }

    static CaptureDetails captureDetails(XmlElement e) {
        return new CaptureDetails(
                e.childText("AmazonCaptureId"),
                e.childText("CaptureReferenceId"),
                e.childText("SellerCaptureNote"),
                price(e, "CaptureAmount"),
                price(e, "RefundedAmount"),
                price(e, "CaptureFee"),
                idList(e.child("IdList")),
                instant(e, "CreationTimestamp"),
                status(e.child("CaptureStatus")),
                e.childText("SoftDescriptor"),
                summaries(e.child("ProviderCreditSummaryList"), "ProviderCreditId"),
                price(e, "ConvertedAmount"),
                decimal(e, "ConversionRate"));
    }

    static RefundDetails refundDetails(XmlElement e) {
        return new RefundDetails(
                e.childText("AmazonRefundId"),
                e.childText("RefundReferenceId"),
                e.childText("SellerRefundNote"),
                e.childText("RefundType"),
                price(e, "RefundAmount"),
                price(e, "FeeRefunded"),
                instant(e, "CreationTimestamp"),
                status(e.child("RefundStatus")),
                e.childText("SoftDescriptor"),
                summaries(e.child("ProviderCreditReversalSummaryList"), "ProviderCreditReversalId"),
                price(e, "ConvertedAmount"),
                decimal(e, "ConversionRate"));
    }

    private static Buyer buyer(XmlElement e) {
        return e == null ? null : new Buyer(e.childText("Name"), e.childText("Email"), e.childText("Phone"));
    }

    private static Address address(XmlElement e) {
        if (e == null) {
            return null;
        }
        return new Address(e.childText("Name"), e.childText("AddressLine1"), e.childText("AddressLine2"),
                e.childText("AddressLine3"), e.childText("City"), e.childText("County"), e.childText("District"),
                e.childText("StateOrRegion"), e.childText("PostalCode"), e.childText("CountryCode"), e.childText("Phone"));
    }

    private static PaymentDescriptor paymentDescriptor(XmlElement e) {
        if (e == null) {
            return null;
        }
        return new PaymentDescriptor(e.childText("Name"), e.childText("AccountNumberTail"),
                e.childText("FullDescriptor"), bool(e, "UseAmazonBalanceFirst"));
    }

    private static SellerOrderAttributes sellerOrderAttributes(XmlElement e) {
        if (e == null) {
            return null;
        }
        XmlElement categories = e.child("OrderItemCategories");
        return new SellerOrderAttributes(e.childText("SellerOrderId"), e.childText("StoreName"),
                e.childText("CustomInformation"), e.childText("SupplementaryData"),
                categories == null ? List.of() : texts(categories.children("OrderItemCategory")));
    }

    private static Status status(XmlElement e) {
        if (e == null) {
            return null;
        }
        // Billing agreements spell it LastUpdatedTimestamp in API answers; accept both everywhere.
        String updated = e.child("LastUpdateTimestamp") != null ? "LastUpdateTimestamp" : "LastUpdatedTimestamp";
        return new Status(e.childText("State"), e.childText("ReasonCode"), e.childText("ReasonDescription"),
                instant(e, updated));
    }

    private static List<Constraint> constraints(XmlElement e) {
        List<Constraint> constraints = new ArrayList<>();
        if (e != null) {
            for (XmlElement constraint : e.children("Constraint")) {
                String id = constraint.childText("ConstraintID");
                constraints.add(new Constraint(id != null ? id : constraint.childText("ConstraintId"),
                        constraint.childText("Description")));
            }
        }
        return constraints;
    }

    private static ParentDetails parentDetails(XmlElement e) {
        return e == null ? null : new ParentDetails(e.childText("Id"), e.childText("Type"));
    }

    /** API answers list ids as {@code <member>}, IPN payloads as {@code <Id>}; accept both. */
    private static List<String> idList(XmlElement e) {
        if (e == null) {
            return List.of();
        }
        List<String> ids = texts(e.children("member"));
        ids.addAll(texts(e.children("Id")));
        return ids;
    }

    private static List<ProviderCreditSummary> summaries(XmlElement e, String idName) {
        List<ProviderCreditSummary> summaries = new ArrayList<>();
        if (e != null) {
            for (XmlElement member : e.children("member")) {
                summaries.add(new ProviderCreditSummary(member.childText("ProviderId"), member.childText(idName)));
            }
        }
        return summaries;
    }

    private static List<String> texts(List<XmlElement> elements) {
        List<String> texts = new ArrayList<>();
        for (XmlElement element : elements) {
            String text = element.text();
            if (text != null) {
                texts.add(text.strip());
            }
        }
        return texts;
    }

    private static String textAt(XmlElement e, String... path) {
        XmlElement hit = e.path(path);
        return hit == null ? null : hit.text();
    }

    private static Price price(XmlElement parent, String name) {
        XmlElement e = parent.child(name);
        if (e == null) {
            return null;
        }
        BigDecimal amount = decimal(e, "Amount");
        String currency = e.childText("CurrencyCode");
        if (amount == null || currency == null) {
            throw new OffpayException("<" + name + "> needs both Amount and CurrencyCode, got Amount="
                    + e.childText("Amount") + " CurrencyCode=" + currency);
        }
        return new Price(amount, currency.strip());
    }

    private static BigDecimal decimal(XmlElement parent, String name) {
        String text = parent.childText(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new OffpayException("<" + name + "> \"" + text + "\" is not a decimal number", e);
        }
    }

    private static Boolean bool(XmlElement parent, String name) {
        String text = parent.childText(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new OffpayException("<" + name + "> \"" + text + "\" is not true or false");
        };
    }

    private static Instant instant(XmlElement parent, String name) {
        String text = parent.childText(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException utcOnly) {
            try {
                // Offsets other than Z, and the lower-case z some clients write.
                return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
            } catch (DateTimeParseException e) {
                throw new OffpayException("<" + name + "> \"" + text + "\" is not an ISO-8601 timestamp", e);
            }
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
