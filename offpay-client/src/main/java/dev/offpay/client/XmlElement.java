package dev.offpay.client;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A response document read with StAX into a small tree of local element names. Lookups are by name,
 * so element order, namespaces and unknown elements do not matter (real Amazon output is unordered).
 */
final class XmlElement {

    private final String name;
    private final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    private XmlElement(String name) {
        this.name = name;
    }

    /** Parses a whole document; throws {@link XMLStreamException} on anything that is not well-formed XML. */
    static XmlElement parse(String xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // A response is data from the network: no DTDs, no external entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
        try {
            Deque<XmlElement> open = new ArrayDeque<>();
            XmlElement root = null;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        XmlElement element = new XmlElement(reader.getLocalName());
                        if (open.isEmpty()) {
                            root = element;
                        } else {
                            open.peek().children.add(element);
                        }
                        open.push(element);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peek().text.append(reader.getText());
                        }
                    }
                    default -> { }
                }
            }
            if (root == null) {
                throw new XMLStreamException("document has no root element");
            }
            return root;
        } finally {
            reader.close();
        }
    }

    String name() {
        return name;
    }

    /** The first child with this local name, or null. */
    XmlElement child(String childName) {
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    /** All children with this local name, in document order. */
    List<XmlElement> children(String childName) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The element reached by following child names, or null if any step is missing. */
    XmlElement path(String... names) {
        XmlElement current = this;
        for (String step : names) {
            current = current.child(step);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** Depth-first search for the first descendant (or this element) with the name, or null. */
    XmlElement find(String wanted) {
        if (name.equals(wanted)) {
            return this;
        }
        for (XmlElement child : children) {
            XmlElement hit = child.find(wanted);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /**
     * The character content of a leaf element, exactly as sent ({@code ""} for {@code <X/>}). For an
     * element with children it is null: text between child elements (indentation, or the stray quote
     * some fixtures carry) is not data.
     */
    String text() {
        return children.isEmpty() ? text.toString() : null;
    }

    /** The text of a child, or null when the child is absent. */
    String childText(String childName) {
        XmlElement child = child(childName);
        return child == null ? null : child.text();
    }
}
