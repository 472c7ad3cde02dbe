package dev.offpay.mws;

import dev.offpay.core.DomainEvent;
import dev.offpay.core.OrderReference;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

/** The NotificationData XML of IPNs (spec §11.4): the object's details under the IPN namespace, IdList/Id. */
public final class IpnXml {
    public static final String NS = "https://mws.amazonservices.com/ipn/OffAmazonPayments/2013-01-01";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newInstance();

    private IpnXml() {
    }

    /** The IPN NotificationType of an IPN event ("OrderReferenceNotification", "PaymentAuthorize", …). */
    public static String notificationType(DomainEvent.Type type) {
        return switch (type) {
            case ORDER_REFERENCE_NOTIFICATION -> "OrderReferenceNotification";
            case PAYMENT_AUTHORIZE -> "PaymentAuthorize";
            case PAYMENT_CAPTURE -> "PaymentCapture";
            case PAYMENT_REFUND -> "PaymentRefund";
            default -> throw new IllegalArgumentException(type + " is not an IPN");
        };
    }

    /** The complete NotificationData document for an IPN event, from the aggregate's state at commit. */
    public static String notificationData(OrderReference oro, DomainEvent event) {
        StringWriter out = new StringWriter(1024);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setDefaultNamespace(NS);
            ObjectXml x = new ObjectXml(w, true);
            switch (event.type()) {
                case ORDER_REFERENCE_NOTIFICATION -> {
                    root(w, "OrderReferenceNotification");
                    x.orderReferenceDetails("OrderReference", oro, ObjectXml.View.of(oro, false, false));
                }
                case PAYMENT_AUTHORIZE -> {
                    root(w, "AuthorizationNotification");
                    x.authorizationDetails(oro.authorization(event.objectId()).orElseThrow());
                }
                case PAYMENT_CAPTURE -> {
                    root(w, "CaptureNotification");
                    x.captureDetails(oro.capture(event.objectId()).orElseThrow());
                }
                case PAYMENT_REFUND -> {
                    root(w, "RefundNotification");
                    x.refundDetails(oro.refund(event.objectId()).orElseThrow());
                }
                default -> throw new IllegalArgumentException(event.type() + " is not an IPN");
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render IPN", e);
        }
        return out.toString();
    }

    private static void root(XMLStreamWriter w, String name) throws XMLStreamException {
        w.writeStartElement(NS, name);
        w.writeDefaultNamespace(NS);
    }
}
