package dev.offpay.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire parameters each typed request produces (spec §5). */
class OffpayRequestTest {

    @Test
    void authorizeWithEverything() {
        AuthorizeRequest request = AuthorizeRequest.of("S01-1-1", "auth_1", new Price(new BigDecimal("1E+2"), "USD"))
                .withSellerAuthorizationNote("{\"SandboxSimulation\":{\"State\":\"Declined\"}}")
                .withTransactionTimeout(0)
                .withCaptureNow(true)
                .withSoftDescriptor("shop")
                .withProviderCredit(new ProviderCredit("P1", Price.of("1.50", "USD")));
        assertEquals(Map.ofEntries(
                Map.entry("AmazonOrderReferenceId", "S01-1-1"),
                Map.entry("AuthorizationReferenceId", "auth_1"),
                Map.entry("AuthorizationAmount.Amount", "100"),
                Map.entry("AuthorizationAmount.CurrencyCode", "USD"),
                Map.entry("SellerAuthorizationNote", "{\"SandboxSimulation\":{\"State\":\"Declined\"}}"),
                Map.entry("TransactionTimeout", "0"),
                Map.entry("CaptureNow", "true"),
                Map.entry("SoftDescriptor", "shop"),
                Map.entry("ProviderCreditList.member.1.ProviderId", "P1"),
                Map.entry("ProviderCreditList.member.1.CreditAmount.Amount", "1.50"),
                Map.entry("ProviderCreditList.member.1.CreditAmount.CurrencyCode", "USD")), request.toParameters());
    }

    @Test
    void captureAndRefund() {
        assertEquals(Map.of("AmazonAuthorizationId", "S01-1-1-A1", "CaptureReferenceId", "c1",
                        "CaptureAmount.Amount", "100.00", "CaptureAmount.CurrencyCode", "USD"),
                CaptureRequest.of("S01-1-1-A1", "c1", Price.of("100.00", "USD")).toParameters());
        assertEquals(Map.of("AmazonCaptureId", "S01-1-1-C1", "RefundReferenceId", "r1",
                        "RefundAmount.Amount", "10.00", "RefundAmount.CurrencyCode", "USD", "SellerRefundNote", "sorry",
                        "ProviderCreditReversalList.member.1.ProviderId", "P1",
                        "ProviderCreditReversalList.member.1.CreditReversalAmount.Amount", "0.10",
                        "ProviderCreditReversalList.member.1.CreditReversalAmount.CurrencyCode", "USD"),
                RefundRequest.of("S01-1-1-C1", "r1", Price.of("10.00", "USD")).withSellerRefundNote("sorry")
                        .withProviderCreditReversal(new ProviderCredit("P1", Price.of("0.10", "USD"))).toParameters());
    }

    @Test
    void setOrderAttributesUsesItsOwnPrefixAndCategories() {
        SetOrderAttributesRequest request = SetOrderAttributesRequest.of("S01-1-1")
                .withOrderTotal(Price.of("5", "EUR"))
                .withRequestPaymentAuthorization(false)
                .withSellerOrderAttributes(new SellerOrderAttributes("o-1", "Shop", null, null, List.of("Antiques", "Apparel")))
                .withPaymentServiceProviderAttributes(new PaymentServiceProviderAttributes("psp", "psp-order"));
        assertEquals(Map.ofEntries(
                Map.entry("AmazonOrderReferenceId", "S01-1-1"),
                Map.entry("OrderAttributes.OrderTotal.Amount", "5"),
                Map.entry("OrderAttributes.OrderTotal.CurrencyCode", "EUR"),
                Map.entry("OrderAttributes.RequestPaymentAuthorization", "false"),
                Map.entry("OrderAttributes.SellerOrderAttributes.SellerOrderId", "o-1"),
                Map.entry("OrderAttributes.SellerOrderAttributes.StoreName", "Shop"),
                Map.entry("OrderAttributes.SellerOrderAttributes.OrderItemCategories.OrderItemCategory.1", "Antiques"),
                Map.entry("OrderAttributes.SellerOrderAttributes.OrderItemCategories.OrderItemCategory.2", "Apparel"),
                Map.entry("OrderAttributes.PaymentServiceProviderAttributes.PaymentServiceProviderId", "psp"),
                Map.entry("OrderAttributes.PaymentServiceProviderAttributes.PaymentServiceProviderOrderId", "psp-order")),
                request.toParameters());
    }

    @Test
    void setOrderReferenceDetailsRefusesCategories() {
        assertThrows(IllegalArgumentException.class, () -> SetOrderReferenceDetailsRequest.of("S01-1-1", Price.of("1", "USD"))
                .withSellerOrderAttributes(new SellerOrderAttributes(null, null, null, null, List.of("Antiques"))));
    }

    @Test
    void confirmAndList() {
        assertEquals(Map.of("AmazonOrderReferenceId", "S01-1-1", "SuccessUrl", "https://s/ok", "FailureUrl", "https://s/ko",
                        "AuthorizationAmount.Amount", "19.95", "AuthorizationAmount.CurrencyCode", "GBP",
                        "ExpectImmediateAuthorization", "true"),
                ConfirmOrderReferenceRequest.of("S01-1-1").withReturnUrls("https://s/ok", "https://s/ko")
                        .withAuthorizationAmount(Price.of("19.95", "GBP")).withExpectImmediateAuthorization(true).toParameters());
        assertEquals(Map.of("QueryId", "OR# 1", "QueryIdType", "SellerOrderId", "PaymentDomain", "NA_USD",
                        "CreatedTimeRange.StartTime", "2017-09-01T00:00:00Z", "SortOrder", "Descending", "PageSize", "5",
                        "OrderReferenceStatusListFilter.OrderReferenceStatus.1", "Open",
                        "OrderReferenceStatusListFilter.OrderReferenceStatus.2", "Closed"),
                ListOrderReferenceRequest.bySellerOrderId("OR# 1", "NA_USD")
                        .withCreatedTimeRange(Instant.parse("2017-09-01T00:00:00Z"), null).withSortOrder("Descending")
                        .withPageSize(5).withStatuses(List.of("Open", "Closed")).toParameters());
        assertEquals(Map.of("AmazonOrderReferenceId", "S01-1-1", "AccessToken", "Atza|x"),
                GetOrderReferenceDetailsRequest.of("S01-1-1").withAccessToken("Atza|x").toParameters());
    }
}
