package dev.offpay.mws;

import dev.offpay.core.Address;
import dev.offpay.core.Authorization;
import dev.offpay.core.Buyer;
import dev.offpay.core.Capture;
import dev.offpay.core.Constraint;
import dev.offpay.core.Money;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentInstrument;
import dev.offpay.core.Refund;
import dev.offpay.core.Status;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders payment objects in the element order of the 2013-01-01 schema (spec §6). The same
 * renderers serve API responses (IdList/member) and IPN payloads (IdList/Id).
 */
final class ObjectXml {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** What of an order reference the caller may see. */
    record View(boolean fullAddress, boolean buyer, boolean billingAddress) {
        static View of(OrderReference o, boolean tokenShipping, boolean tokenBilling) {
            boolean confirmed = o.isConfirmed();
            return new View(confirmed || tokenShipping, confirmed, tokenBilling);
        }
    }

    private final XMLStreamWriter w;
    private final boolean ipn;

    ObjectXml(XMLStreamWriter w, boolean ipn) {
        this.w = w;
        this.ipn = ipn;
    }

    static String timestamp(Instant i) {
        return TIMESTAMP.format(i);
    }

    void text(String name, String value) throws XMLStreamException {
        if (value == null) return;
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    /** An element that is always present, empty when the value is null ([FX] SellerCaptureNote). */
    void textOrEmpty(String name, String value) throws XMLStreamException {
        if (value == null || value.isEmpty()) {
            w.writeEmptyElement(name);
        } else {
            text(name, value);
        }
    }

    void time(String name, Instant value) throws XMLStreamException {
        if (value != null) text(name, timestamp(value));
    }

    void price(String name, Money m) throws XMLStreamException {
        if (m == null) return;
        w.writeStartElement(name);
        text("Amount", m.toPlainString());
        text("CurrencyCode", m.currency().name());
        w.writeEndElement();
    }

    void orderTotal(Money m) throws XMLStreamException {
        if (m == null) return;
        w.writeStartElement("OrderTotal");
        text("CurrencyCode", m.currency().name());
        text("Amount", m.toPlainString());
        w.writeEndElement();
    }

    void status(String name, Status s) throws XMLStreamException {
        w.writeStartElement(name);
        text("State", s.state());
        time("LastUpdateTimestamp", s.lastUpdateTimestamp());
        text("ReasonCode", s.reasonCode());
        text("ReasonDescription", s.reasonDescription());
        w.writeEndElement();
    }

    void idList(List<String> ids) throws XMLStreamException {
        if (ids.isEmpty()) {
            w.writeEmptyElement("IdList");
            return;
        }
        w.writeStartElement("IdList");
        for (String id : ids) text(ipn ? "Id" : "member", id);
        w.writeEndElement();
    }

    void address(String name, Address a) throws XMLStreamException {
        w.writeStartElement(name);
        text("Name", a.name());
        text("AddressLine1", a.addressLine1());
        text("AddressLine2", a.addressLine2());
        text("AddressLine3", a.addressLine3());
        text("City", a.city());
        text("County", a.county());
        text("District", a.district());
        text("StateOrRegion", a.stateOrRegion());
        text("PostalCode", a.postalCode());
        text("CountryCode", a.countryCode());
        text("Phone", a.phone());
        w.writeEndElement();
    }

    void buyer(Buyer b) throws XMLStreamException {
        w.writeStartElement("Buyer");
        text("Name", b.name());
        text("Email", b.email());
        text("Phone", b.phone());
        w.writeEndElement();
    }

    void sellerOrderAttributes(OrderReference o, boolean always) throws XMLStreamException {
        boolean any = o.sellerOrderId() != null || o.storeName() != null || o.supplementaryData() != null
                || !o.orderItemCategories().isEmpty() || o.customInformation() != null;
        if (!any) {
            if (always) w.writeEmptyElement("SellerOrderAttributes");
            return;
        }
        w.writeStartElement("SellerOrderAttributes");
        text("SellerOrderId", o.sellerOrderId());
        text("StoreName", o.storeName());
        text("SupplementaryData", o.supplementaryData());
        if (!o.orderItemCategories().isEmpty()) {
            w.writeStartElement("OrderItemCategories");
            for (String c : o.orderItemCategories()) text("OrderItemCategory", c);
            w.writeEndElement();
        }
        text("CustomInformation", o.customInformation());
        w.writeEndElement();
    }

    void orderReferenceDetails(String element, OrderReference o, View view) throws XMLStreamException {
        w.writeStartElement(element);
        text("AmazonOrderReferenceId", o.id());
        if (view.buyer() && o.buyer() != null) buyer(o.buyer());
        orderTotal(o.orderTotal());
        text("SellerNote", o.sellerNote());
        text("PlatformId", o.platformId());
        if (o.shippingAddress() != null) {
            w.writeStartElement("Destination");
            text("DestinationType", "Physical");
            address("PhysicalDestination", view.fullAddress() ? o.shippingAddress() : o.shippingAddress().partial());
            w.writeEndElement();
        }
        PaymentInstrument pm = o.paymentMethod();
        if (pm != null) {
            w.writeStartElement("PaymentDescriptor");
            text("Name", pm.typeName());
            text("AccountNumberTail", pm.tail());
            text("FullDescriptor", pm.fullDescriptor());
            text("UseAmazonBalanceFirst", "false");
            w.writeEndElement();
        }
        if (view.billingAddress() && o.billingAddress() != null) {
            w.writeStartElement("BillingAddress");
            text("AddressType", "Physical");
            address("PhysicalAddress", o.billingAddress());
            w.writeEndElement();
        }
        text("ReleaseEnvironment", o.environment().wireName());
        sellerOrderAttributes(o, false);
        status("OrderReferenceStatus", o.status());
        List<Constraint> constraints = o.constraints();
        if (!constraints.isEmpty()) {
            w.writeStartElement("Constraints");
            for (Constraint c : constraints) {
                w.writeStartElement("Constraint");
                text("ConstraintID", c.id());
                text("Description", c.description());
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        time("CreationTimestamp", o.created());
        time("ExpirationTimestamp", o.expiration());
        idList(o.authorizations().stream().map(Authorization::id).toList());
        text("OrderLanguage", o.orderLanguage());
        if (o.requestPaymentAuthorization() != null) text("RequestPaymentAuthorization", o.requestPaymentAuthorization().toString());
        if (o.paymentServiceProviderId() != null || o.paymentServiceProviderOrderId() != null) {
            w.writeStartElement("PaymentServiceProviderAttributes");
            text("PaymentServiceProviderId", o.paymentServiceProviderId());
            text("PaymentServiceProviderOrderId", o.paymentServiceProviderOrderId());
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    /** An item of ListOrderReference's OrderReferenceList. */
    void orderReferenceSummary(OrderReference o) throws XMLStreamException {
        w.writeStartElement("OrderReference");
        text("ReleaseEnvironment", o.environment().wireName());
        status("OrderReferenceStatus", o.status());
        text("AmazonOrderReferenceId", o.id());
        time("CreationTimestamp", o.created());
        sellerOrderAttributes(o, false);
        orderTotal(o.orderTotal());
        text("SellerNote", o.sellerNote());
        text("OrderLanguage", o.orderLanguage());
        w.writeEndElement();
    }

    void authorizationDetails(Authorization a) throws XMLStreamException {
        w.writeStartElement("AuthorizationDetails");
        text("AmazonAuthorizationId", a.id());
        text("AuthorizationReferenceId", a.referenceId());
        Status s = a.status();
        boolean showBilling = "Open".equals(s.state()) || ("Closed".equals(s.state()) && "MaxCapturesProcessed".equals(s.reasonCode()));
        if (a.billingAddress() != null && showBilling) address("AuthorizationBillingAddress", a.billingAddress());
        textOrEmpty("SellerAuthorizationNote", a.note());
        price("AuthorizationAmount", a.amount());
        price("CapturedAmount", a.capturedAmount());
        price("AuthorizationFee", a.fee());
        idList(a.captureIds());
        time("CreationTimestamp", a.created());
        time("ExpirationTimestamp", a.expiration());
        status("AuthorizationStatus", s);
        if (ipn) w.writeEmptyElement("OrderItemCategories"); // IPN payloads carry it empty; API responses omit it ([FX])
        text("CaptureNow", Boolean.toString(a.captureNow()));
        text("SoftDescriptor", a.softDescriptor());
        if (a.softDecline() != null) text("SoftDecline", a.softDecline().toString());
        w.writeEndElement();
    }

    void captureDetails(Capture c) throws XMLStreamException {
        w.writeStartElement("CaptureDetails");
        text("AmazonCaptureId", c.id());
        text("CaptureReferenceId", c.referenceId());
        textOrEmpty("SellerCaptureNote", c.note());
        price("CaptureAmount", c.amount());
        price("RefundedAmount", c.refundedAmount());
        price("CaptureFee", c.fee());
        idList(c.refundIds());
        time("CreationTimestamp", c.created());
        status("CaptureStatus", c.status());
        text("SoftDescriptor", c.softDescriptor());
        w.writeEndElement();
    }

    void refundDetails(Refund r) throws XMLStreamException {
        w.writeStartElement("RefundDetails");
        text("AmazonRefundId", r.id());
        text("RefundReferenceId", r.referenceId());
        textOrEmpty("SellerRefundNote", r.note());
        text("RefundType", r.refundType());
        price("RefundAmount", r.amount());
        price("FeeRefunded", r.fee());
        time("CreationTimestamp", r.created());
        status("RefundStatus", r.status());
        text("SoftDescriptor", r.softDescriptor());
        w.writeEndElement();
    }
}
