package dev.offpay.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parses the official SDK's captured responses (copied from shared/spec/fixtures/cv1). */
class ResponseParserTest {

    static String fixture(String name) {
        try (InputStream in = ResponseParserTest.class.getResourceAsStream("/fixtures/cv1/" + name)) {
            assertNotNull(in, "fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void draftOrderReferenceWithNonAsciiAddressAndStrayText() {
        OrderReferenceResponse response =
                ResponseParser.orderReference("GetOrderReferenceDetails", fixture("GetOrderReferenceDetailsResponse.xml"));
        assertEquals("5f20169b-7ab2-11df-bcef-d35615e2b044", response.requestId());
        OrderReferenceDetails details = response.orderReferenceDetails();
        assertEquals("P01-1234567-1234567", details.amazonOrderReferenceId());
        assertEquals("Draft", details.state());
        assertEquals("Live", details.releaseEnvironment());
        assertEquals(Instant.parse("2012-11-05T20:21:19Z"), details.creationTimestamp());
        assertEquals(Instant.parse("2013-05-07T23:21:19Z"), details.expirationTimestamp());
        assertEquals("äöüßâêîôûàèùé", details.destination().city());
        assertEquals("宋 俊华 市区-徐汇区 广东省", details.destination().stateOrRegion());
        assertEquals("10101-9876", details.destination().postalCode());
        assertNull(details.destination().addressLine1());
        assertEquals(new PaymentDescriptor("Visa", "11", "Amazon Pay (Visa **11)", false), details.paymentDescriptor());
        assertTrue(details.sellerOrderAttributes().supplementaryData().startsWith("{\"AirlineMetaData\" : {\"version\": 1.0"));
        assertNull(details.buyer());
        assertNull(details.orderTotal());
        assertEquals(List.of(), details.constraints());
        assertEquals(List.of(), details.authorizationIds());
    }

    @Test
    void suspendedScaOrderReference() {
        OrderReferenceDetails details = ResponseParser.orderReference("GetOrderReferenceDetails",
                fixture("GetOrderReferenceDetailsScaResponse.xml")).orderReferenceDetails();
        assertEquals(new Status("Suspended", "InvalidPaymentMethod", null, Instant.parse("2019-04-18T14:44:14.086Z")),
                details.orderReferenceStatus());
        assertEquals(Price.of("19.95", "GBP"), details.orderTotal());
        assertEquals(List.of("S02-7295856-8712939-A063411"), details.authorizationIds());
        assertEquals(List.of(new Constraint("PaymentPlanNotSet",
                "The buyer has not been able to select a Payment method for the given Order Reference.")), details.constraints());
        assertEquals(new Buyer("Sandbox Test", "test+sandbox@amazon.com", null), details.buyer());
        assertEquals("Susie Smith", details.destination().name());
        assertEquals("Suite 2500", details.destination().addressLine2());
        assertEquals("800-000-0000", details.destination().phone());
        assertEquals("en-GB", details.orderLanguage());
        assertEquals("REQUIRED", details.paymentAuthenticationState());
        assertEquals("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx20=", details.paymentReferenceStaticToken());
        assertEquals(Boolean.FALSE, details.requestPaymentAuthorization());
        assertEquals("The Seller Note", details.sellerNote());
        assertEquals("123456-TestOrder-123456", details.sellerOrderAttributes().sellerOrderId());
    }

    @Test
    void setOrderReferenceDetailsAndSetOrderAttributes() {
        OrderReferenceResponse set = ResponseParser.orderReference("SetOrderReferenceDetails",
                fixture("SetOrderReferenceDetailsResponse.xml"));
        assertEquals("eab0140b-e59c-4875-859b-f5012944ba", set.requestId());
        assertEquals(Price.of("500.00", "USD"), set.orderReferenceDetails().orderTotal());
        assertEquals("ANDRCTOTP9", set.orderReferenceDetails().platformId());
        assertEquals("myTestStore", set.orderReferenceDetails().sellerOrderAttributes().storeName());

        OrderReferenceDetails attributes = ResponseParser.orderReference("SetOrderAttributes",
                fixture("SetOrderAttributesResponse.xml")).orderReferenceDetails();
        assertEquals(new PaymentServiceProviderAttributes("paymentServiceProviderId", "paymentServiceProviderOrderId"),
                attributes.paymentServiceProviderAttributes());
        assertEquals(List.of("Antiques", "Apparel"), attributes.sellerOrderAttributes().orderItemCategories());
        assertEquals(new ParentDetails("B01-9692562-1609165", "BillingAgreement"), attributes.parentDetails());
        assertEquals(new BigDecimal("0.01"), attributes.orderTotal().amount());
    }

    @Test
    void authorizeWithCaptureNow() {
        AuthorizationResponse response = ResponseParser.authorization("Authorize", fixture("AuthorizeResponse.xml"));
        assertEquals("adabc99d-8351-48dc-acef-1bc049215f55", response.requestId());
        AuthorizationDetails details = response.authorizationDetails();
        assertEquals("S01-9821095-1837200-A041953", details.amazonAuthorizationId());
        assertEquals("asdcdsd5iiiii", details.authorizationReferenceId());
        assertEquals(Price.of("1.00", "USD"), details.authorizationAmount());
        assertEquals(Price.of("0", "USD"), details.capturedAmount());
        assertEquals(Price.of("0.00", "USD"), details.authorizationFee());
        assertEquals(List.of("S01-9821095-1837200-C041953"), details.captureIds());
        assertEquals("Closed", details.state());
        assertEquals("MaxCapturesProcessed", details.authorizationStatus().reasonCode());
        assertEquals(Instant.parse("2015-10-30T21:02:38.508Z"), details.authorizationStatus().lastUpdateTimestamp());
        assertTrue(details.captureNow());
        assertFalse(details.softDecline());
        assertEquals("AMZ*testikiki", details.softDescriptor());
        assertEquals("testing", details.sellerAuthorizationNote());
        assertEquals(Instant.parse("2015-11-29T21:02:38.508Z"), details.expirationTimestamp());

        AuthorizationDetails later = ResponseParser.authorization("GetAuthorizationDetails",
                fixture("GetAuthorizationDetailsResponse.xml")).authorizationDetails();
        assertEquals(Price.of("1.00", "USD"), later.capturedAmount());
    }

    @Test
    void captureAndMultiCurrencyCapture() {
        CaptureResponse response = ResponseParser.capture("Capture", fixture("CaptureResponse.xml"));
        CaptureDetails details = response.captureDetails();
        assertEquals("1ec2813f-3d33-4b3a-a198-a25cd608310d", response.requestId());
        assertEquals("S01-9821095-1837200-C053432", details.amazonCaptureId());
        assertEquals("Completed", details.state());
        assertEquals("", details.sellerCaptureNote());
        assertEquals(List.of(), details.refundIds());
        assertEquals(Price.of("1.00", "USD"), details.captureAmount());
        assertEquals(Price.of("0", "USD"), details.refundedAmount());
        assertNull(details.convertedAmount());

        CaptureDetails converted = ResponseParser.capture("GetCaptureDetails",
                fixture("GetCaptureDetailsResponse_Multicurrency.xml")).captureDetails();
        assertEquals(Price.of("0.88", "EUR"), converted.convertedAmount());
        assertEquals(new BigDecimal("1.1297854087"), converted.conversionRate());
        assertEquals("AMZ*Matt's Test Stor", converted.softDescriptor());
    }

    @Test
    void refundIsPendingThenCompleted() {
        RefundResponse pending = ResponseParser.refund("Refund", fixture("RefundResponse.xml"));
        assertEquals("Pending", pending.refundDetails().state());
        assertEquals("SellerInitiated", pending.refundDetails().refundType());
        assertEquals(Price.of("0.50", "USD"), pending.refundDetails().refundAmount());
        assertEquals("S01-5695290-1354077-R072290", pending.refundDetails().amazonRefundId());

        RefundResponse completed = ResponseParser.refund("GetRefundDetails", fixture("GetRefundDetails.xml"));
        assertEquals("98cdadd5-8b44-4757-8e4f-351f39af7fcf", completed.requestId());
        assertEquals("Completed", completed.refundDetails().state());
    }

    @Test
    void emptyAnswersWithAndWithoutResultElement() {
        assertEquals("f1f52572-a347-4f7a-a630-be066f3ba827",
                ResponseParser.empty("ConfirmOrderReference", fixture("ConfirmOrderReferenceResponse.xml")).requestId());
        assertEquals("0714c2dd-c3fa-45af-afc7-b48055cfd7bf",
                ResponseParser.empty("CancelOrderReference", fixture("CancelOrderReferenceResponse.xml")).requestId());
        assertEquals("3e130e5b-41ae-41fd-b307-dbbf45663d79",
                ResponseParser.empty("CloseAuthorization", fixture("CloseAuthorizationResponse.xml")).requestId());
    }

    @Test
    void orderReferenceListPages() {
        OrderReferenceListResponse first =
                ResponseParser.orderReferenceList("ListOrderReference", fixture("ListOrderReferenceResponse.xml"));
        assertEquals(3, first.orderReferences().size());
        assertTrue(first.hasNextPage());
        OrderReferenceDetails item = first.orderReferences().get(0);
        assertEquals("S01-1489058-8391380", item.amazonOrderReferenceId());
        assertEquals("Open", item.state());
        assertEquals("OR# 12345", item.sellerOrderAttributes().sellerOrderId());
        assertEquals(Price.of("0.45", "USD"), item.orderTotal());

        OrderReferenceListResponse next = ResponseParser.orderReferenceList("ListOrderReferenceByNextToken",
                fixture("ListOrderReferenceByNextTokenResponse.xml"));
        assertEquals(7, next.orderReferences().size());
        assertEquals("cd3c24d6-c1cf-4656-9774-52c99529f26d", next.requestId());
    }

    @Test
    void serviceStatusWithMessages() {
        ServiceStatusResponse status = ResponseParser.serviceStatus(fixture("GetServiceStatusResponseGreenI.xml"));
        assertEquals("GREEN_I", status.status());
        assertEquals(Instant.parse("2010-11-01T21:38:09.676Z"), status.timestamp());
        assertEquals("173964729I", status.messageId());
        assertEquals(2, status.messages().size());
        assertEquals(new ServiceStatusResponse.Message("en_UK",
                "We are experiencing high latency in UK because of heavy traffic."), status.messages().get(0));
    }

    @Test
    void errorResponses() {
        OffpayApiException error = ResponseParser.error("SetOrderReferenceDetails", 405, fixture("ErrorResponse.xml"), null);
        assertEquals(405, error.httpStatus());
        assertEquals("Sender", error.errorType());
        assertEquals("OrderReferenceNotModifiable", error.errorCode());
        assertTrue(error.errorMessage().startsWith("OrderReference S01-5695290-1354077 is not in draft state"));
        assertEquals("6d4699b8-1238-4c09-b539-176e2c2f5462", error.requestId());
        assertTrue(error.getMessage().contains("OrderReferenceNotModifiable"));

        OffpayApiException throttled = ResponseParser.error("Authorize", 503, fixture("Throttled.xml"), "header-id");
        assertEquals("RequestThrottled", throttled.errorCode());
        assertEquals("", throttled.errorType());
        assertEquals("d702fd8e-206f-4da4-95e0-1e7422474077", throttled.requestId());

        OffpayApiException html = ResponseParser.error("Authorize", 502, "<html><body>Bad Gateway</html>", "h-1");
        assertNull(html.errorCode());
        assertEquals("h-1", html.requestId());
        assertEquals(502, html.httpStatus());
    }

    @Test
    void wrongRootOrMissingRequestIdIsReported() {
        OffpayException wrongRoot = assertThrows(OffpayException.class,
                () -> ResponseParser.capture("Refund", fixture("CaptureResponse.xml")));
        assertTrue(wrongRoot.getMessage().contains("<CaptureResponse>"), wrongRoot.getMessage());
        assertThrows(OffpayException.class,
                () -> ResponseParser.empty("CloseOrderReference", "<CloseOrderReferenceResponse/>"));
        assertThrows(OffpayException.class,
                () -> ResponseParser.empty("CloseOrderReference", "not xml"));
    }

    @Test
    void malformedValuesAreReportedWithTheElementName() {
        String xml = "<GetCaptureDetailsResponse><GetCaptureDetailsResult><CaptureDetails>"
                + "<CaptureAmount><Amount>abc</Amount><CurrencyCode>USD</CurrencyCode></CaptureAmount>"
                + "</CaptureDetails></GetCaptureDetailsResult>"
                + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCaptureDetailsResponse>";
        OffpayException e = assertThrows(OffpayException.class, () -> ResponseParser.capture("GetCaptureDetails", xml));
        assertTrue(e.getMessage().contains("<Amount> \"abc\""), e.getMessage());
    }

    @Test
    void namespacesPrefixesAndUnknownElementsDoNotMatter() {
        String xml = "<?xml version=\"1.0\"?><x:GetRefundDetailsResponse xmlns:x=\"urn:other\">"
                + "<x:GetRefundDetailsResult><x:Unknown><x:AmazonRefundId>nested-decoy</x:AmazonRefundId></x:Unknown>"
                + "<x:RefundDetails><x:Future>1</x:Future><x:RefundStatus><x:State>Completed</x:State>"
                + "<x:LastUpdateTimestamp>2015-11-02T21:18:48+01:00</x:LastUpdateTimestamp></x:RefundStatus>"
                + "<x:AmazonRefundId>S01-1-R1</x:AmazonRefundId></x:RefundDetails></x:GetRefundDetailsResult>"
                + "<x:ResponseMetadata><x:RequestId>rid</x:RequestId></x:ResponseMetadata></x:GetRefundDetailsResponse>";
        RefundResponse response = ResponseParser.refund("GetRefundDetails", xml);
        assertEquals("S01-1-R1", response.refundDetails().amazonRefundId());
        assertEquals(Instant.parse("2015-11-02T20:18:48Z"), response.refundDetails().refundStatus().lastUpdateTimestamp());
        assertEquals("rid", response.requestId());
    }

    @Test
    void externalEntitiesAreNotResolved() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<CloseOrderReferenceResponse><ResponseMetadata><RequestId>&e;</RequestId></ResponseMetadata>"
                + "</CloseOrderReferenceResponse>";
        assertThrows(OffpayException.class, () -> ResponseParser.empty("CloseOrderReference", xml));
    }
}
