package dev.offpay.mws;

import dev.offpay.core.Authorization;
import dev.offpay.core.Capture;
import dev.offpay.core.CurrencyCode;
import dev.offpay.core.DomainEvent;
import dev.offpay.core.Environment;
import dev.offpay.core.Money;
import dev.offpay.core.OrderReference;
import dev.offpay.core.Refund;
import dev.offpay.core.Region;
import dev.offpay.core.SandboxProcessor;
import dev.offpay.core.Seller;
import dev.offpay.core.TestBuyer;
import dev.offpay.core.TestBuyers;
import dev.offpay.core.Timer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our XML against the golden shapes in shared/spec/fixtures/cv1: the same root, namespace and
 * element paths (clients match children by name, so order is not compared).
 */
class GoldenShapesTest {
    /** Copies of shared/spec/fixtures/cv1 (byte-for-byte; see fixtures/cv1/README.md). */
    static final String FIXTURES = "/fixtures/cv1/";
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Set<String> paths(Document d) {
        Set<String> out = new TreeSet<>();
        walk(d.getDocumentElement(), d.getDocumentElement().getLocalName(), out);
        return out;
    }

    static void walk(Element e, String path, Set<String> out) {
        out.add(path);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) walk(c, path + "/" + c.getLocalName(), out);
        }
    }

    static String fixture(String name) throws Exception {
        // Some fixtures carry a stray '"' after the root tag (see the fixtures README): harmless text.
        try (var in = GoldenShapesTest.class.getResourceAsStream(FIXTURES + name)) {
            if (in == null) throw new AssertionError("missing fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every path the fixture has must be in ours (except optional extras the fixture shows), and ours must not invent names. */
    static void assertSameShape(String fixtureName, String ours, Set<String> notRendered, Set<String> extraAllowed) throws Exception {
        Set<String> golden = paths(parse(fixture(fixtureName)));
        Set<String> mine = paths(parse(ours));
        Set<String> missing = new TreeSet<>(golden);
        missing.removeAll(mine);
        missing.removeAll(notRendered);
        assertTrue(missing.isEmpty(), fixtureName + ": our XML lacks " + missing + "\n" + ours);
        Set<String> invented = new TreeSet<>(mine);
        invented.removeAll(golden);
        invented.removeAll(extraAllowed);
        assertTrue(invented.isEmpty(), fixtureName + ": our XML has elements the fixture does not know " + invented);
        assertEquals(parse(fixture(fixtureName)).getDocumentElement().getNamespaceURI(), parse(ours).getDocumentElement().getNamespaceURI());
    }

    static OrderReference.Context ctx(Seller s, Instant now) {
        return new OrderReference.Context(now, s, new SandboxProcessor(), Duration.ofSeconds(30), new Random(7));
    }

    static Seller seller() {
        return Seller.create("A2K7NDRCTOTPW9", "AKIA", "secret", Region.US, "Matt's Test Store");
    }

    static OrderReference openOrder(Seller s) {
        TestBuyer b = TestBuyers.defaultBuyer(Region.US);
        OrderReference o = OrderReference.createDraft("S01-9821095-1837200", s, Environment.SANDBOX, T0, b.email(), b.asBuyer(),
                b.addresses().get(0), b.instruments().get(0), true, false, b.billingAddress());
        o.setOrderReferenceDetails(new OrderReference.Attributes(Money.parse(CurrencyCode.USD, "100.00"), "note", null, "ORDER-1",
                "Shop", "info", null, null, null, null, null), ctx(s, T0));
        o.confirm(false, ctx(s, T0));
        return o;
    }

    @Test
    void authorizeWithCaptureNow() throws Exception {
        Seller s = seller();
        OrderReference o = openOrder(s);
        Authorization a = o.authorize(new OrderReference.AuthorizeRequest("ref1", Money.parse(CurrencyCode.USD, "1.00"), "testing", 0, true, "testikiki"), ctx(s, T0));
        String xml = Envelope.success("Authorize", "rid", (x, w) -> x.authorizationDetails(a));
        assertSameShape("AuthorizeResponse.xml", xml, Set.of(), Set.of());
        assertTrue(xml.contains("<State>Closed</State>") && xml.contains("MaxCapturesProcessed"), xml);
        assertTrue(xml.contains("<member>S01-9821095-1837200-C"), xml);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        assertTrue(xml.contains("<AuthorizeResponse xmlns=\"http://mws.amazonservices.com/schema/OffAmazonPayments/2013-01-01\">"), xml);
    }

    @Test
    void captureAndRefund() throws Exception {
        Seller s = seller();
        OrderReference o = openOrder(s);
        Authorization a = o.authorize(new OrderReference.AuthorizeRequest("ref1", Money.parse(CurrencyCode.USD, "1.00"), null, 0, false, null), ctx(s, T0));
        Capture c = o.capture(a.id(), new OrderReference.CaptureRequest("cap1", Money.parse(CurrencyCode.USD, "1.00"), null, "testsd"), ctx(s, T0));
        assertSameShape("CaptureResponse.xml", Envelope.success("Capture", "rid", (x, w) -> x.captureDetails(c)), Set.of(), Set.of());
        assertSameShape("GetCaptureDetailsResponse.xml", Envelope.success("GetCaptureDetails", "rid", (x, w) -> x.captureDetails(c)),
                Set.of(), Set.of("GetCaptureDetailsResponse/GetCaptureDetailsResult/CaptureDetails/IdList"));
        Refund r = o.refund(c.id(), new OrderReference.RefundRequest("refund1", Money.parse(CurrencyCode.USD, "0.50"), "testing", "test"), ctx(s, T0));
        assertSameShape("RefundResponse.xml", Envelope.success("Refund", "rid", (x, w) -> x.refundDetails(r)), Set.of(), Set.of());
        o.fire(new Timer(Timer.Kind.DECIDE_REFUND, r.id(), T0.plusSeconds(31)), ctx(s, T0.plusSeconds(31)));
        Refund done = o.refund(r.id()).orElseThrow();
        String xml = Envelope.success("GetRefundDetails", "rid", (x, w) -> x.refundDetails(done));
        assertSameShape("GetRefundDetails.xml", xml, Set.of(), Set.of());
        assertTrue(xml.contains("<State>Completed</State>"), xml);
        Authorization closed = o.authorization(a.id()).orElseThrow();
        assertSameShape("GetAuthorizationDetailsResponse.xml", Envelope.success("GetAuthorizationDetails", "rid",
                (x, w) -> x.authorizationDetails(closed)), Set.of(), Set.of(
                "GetAuthorizationDetailsResponse/GetAuthorizationDetailsResult/AuthorizationDetails/SellerAuthorizationNote",
                "GetAuthorizationDetailsResponse/GetAuthorizationDetailsResult/AuthorizationDetails/OrderItemCategories",
                "GetAuthorizationDetailsResponse/GetAuthorizationDetailsResult/AuthorizationDetails/CaptureNow"));
    }

    @Test
    void orderReferenceDetails() throws Exception {
        Seller s = seller();
        OrderReference o = openOrder(s);
        String xml = Envelope.success("GetOrderReferenceDetails", "rid",
                (x, w) -> x.orderReferenceDetails("OrderReferenceDetails", o, ObjectXml.View.of(o, false, false)));
        String p = "GetOrderReferenceDetailsResponse/GetOrderReferenceDetailsResult/OrderReferenceDetails";
        assertSameShape("GetOrderReferenceDetailsResponse.xml", xml,
                Set.of(p + "/SellerOrderAttributes/SupplementaryData"),
                Set.of(p + "/Buyer", p + "/Buyer/Name", p + "/Buyer/Email", p + "/Buyer/Phone", p + "/OrderTotal", p + "/OrderTotal/Amount",
                        p + "/OrderTotal/CurrencyCode", p + "/SellerNote", p + "/IdList", p + "/OrderLanguage", p + "/RequestPaymentAuthorization",
                        p + "/OrderReferenceStatus/LastUpdateTimestamp", p + "/SellerOrderAttributes/SellerOrderId",
                        p + "/SellerOrderAttributes/StoreName", p + "/SellerOrderAttributes/CustomInformation",
                        p + "/Destination/PhysicalDestination/Name", p + "/Destination/PhysicalDestination/AddressLine1",
                        p + "/Destination/PhysicalDestination/Phone"));
    }

    @Test
    void emptyResultAndError() throws Exception {
        assertSameShape("CloseAuthorizationResponse.xml", Envelope.success("CloseAuthorization", "rid", null), Set.of(), Set.of());
        String err = Envelope.error(dev.offpay.core.ErrorCode.OrderReferenceNotModifiable, "OrderReference S01-5695290-1354077 is not in draft state.", "rid");
        assertSameShape("ErrorResponse.xml", err, Set.of(), Set.of());
        // Element order matters to old regex-based clients: Type, Code, Message, then RequestId.
        assertTrue(Pattern.compile("<Type>Sender</Type><Code>.*</Code><Message>.*</Message></Error><RequestId>").matcher(err).find(), err);
        assertSameShape("Throttled.xml", Envelope.error(dev.offpay.core.ErrorCode.RequestThrottled, "Request is throttled", "rid"), Set.of(), Set.of());
    }

    @Test
    void ipnNotificationData() throws Exception {
        Seller s = seller();
        OrderReference o = openOrder(s);
        Authorization a = o.authorize(new OrderReference.AuthorizeRequest("ref1", Money.parse(CurrencyCode.USD, "5.00"), null, 0, true, null), ctx(s, T0));
        String auth = IpnXml.notificationData(o, new DomainEvent(DomainEvent.Type.PAYMENT_AUTHORIZE, a.id(), T0));
        Document d = parse(auth);
        assertEquals("https://mws.amazonservices.com/ipn/OffAmazonPayments/2013-01-01", d.getDocumentElement().getNamespaceURI());
        assertEquals("AuthorizationNotification", d.getDocumentElement().getLocalName());
        assertTrue(auth.contains("<IdList><Id>"), "IPN id lists use <Id>: " + auth);
        assertTrue(auth.contains("xmlns=\"https://mws.amazonservices.com/ipn/OffAmazonPayments/2013-01-01\""), auth);
        String ord = IpnXml.notificationData(o, new DomainEvent(DomainEvent.Type.ORDER_REFERENCE_NOTIFICATION, o.id(), T0));
        assertEquals("OrderReferenceNotification", parse(ord).getDocumentElement().getLocalName());
        assertTrue(ord.contains("<OrderReference><AmazonOrderReferenceId>"), ord);
    }
}
