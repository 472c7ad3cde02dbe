package dev.offpay.mws;

import dev.offpay.core.ErrorCode;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

/** The success and error envelopes of spec §4, with the exact default namespace clients require. */
final class Envelope {
    static final String NS = "http://mws.amazonservices.com/schema/OffAmazonPayments/2013-01-01";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newInstance();

    /** Writes the body of an {Action}Result. */
    @FunctionalInterface
    interface Body {
        void write(ObjectXml x, XMLStreamWriter w) throws XMLStreamException;
    }

    private Envelope() {
    }

    /** {@code body} null renders an empty {Action}Result element. */
    static String success(String action, String requestId, Body body) {
        StringWriter out = new StringWriter(1024);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setDefaultNamespace(NS);
            w.writeStartElement(NS, action + "Response");
            w.writeDefaultNamespace(NS);
            if (body == null) {
                w.writeEmptyElement(action + "Result");
            } else {
                w.writeStartElement(action + "Result");
                body.write(new ObjectXml(w, false), w);
                w.writeEndElement();
            }
            w.writeStartElement("ResponseMetadata");
            w.writeStartElement("RequestId");
            w.writeCharacters(requestId);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render " + action + " response", e);
        }
        return out.toString();
    }

    static String error(ErrorCode code, String message, String requestId) {
        StringWriter out = new StringWriter(512);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setDefaultNamespace(NS);
            w.writeStartElement(NS, "ErrorResponse");
            w.writeDefaultNamespace(NS);
            w.writeStartElement("Error");
            boolean throttled = code == ErrorCode.RequestThrottled;
            w.writeStartElement("Type");
            // The throttling sample ([FX] Throttled.xml) has an empty Type and RequestID with a capital D.
            if (!throttled) w.writeCharacters(code.type());
            w.writeEndElement();
            w.writeStartElement("Code");
            w.writeCharacters(code.name());
            w.writeEndElement();
            w.writeStartElement("Message");
            w.writeCharacters(message);
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement(throttled ? "RequestID" : "RequestId");
            w.writeCharacters(requestId);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render error", e);
        }
        return out.toString();
    }
}
