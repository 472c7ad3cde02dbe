package dev.offpay.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offpay.core.Authorization;
import dev.offpay.core.Capture;
import dev.offpay.core.DomainEvent;
import dev.offpay.core.Money;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentInstrument;
import dev.offpay.core.Refund;
import dev.offpay.core.Seller;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A buyer e-mail as Amazon would send it, with the fields the integration guide maps to API
 * parameters and seller settings ("Buyer-facing e-mail content"). Rendered at commit time so it
 * shows the data of that moment; stored in the outbox row as JSON.
 *
 * @param fields the values shown, by label ("Seller Information", "Order Total", …)
 */
public record BuyerEmail(String type, String to, String toName, String subject, String text, Map<String, String> fields) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ORDER_DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM, yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The JSON stored as the outbox payload. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BuyerEmail fromJson(String json) {
        try {
            return JSON.readValue(json, BuyerEmail.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored buyer e-mail: " + e.getOriginalMessage(), e);
        }
    }

    /** Renders the e-mail of an EMAIL_* event from the aggregate's state at commit. */
    public static BuyerEmail render(OrderReference oro, DomainEvent event, Seller seller) {
        String store = oro.storeName() != null && !oro.storeName().isBlank() ? oro.storeName()
                : seller != null && seller.storeName() != null ? seller.storeName() : oro.sellerId();
        String buyerName = oro.buyer() == null ? null : oro.buyer().name();
        String to = oro.buyer() == null ? null : oro.buyer().email();

        Map<String, String> f = new LinkedHashMap<>();
        String subject;
        String heading;
        String intro;
        switch (event.type()) {
            case EMAIL_PAYMENT_AUTHORIZED -> {
                heading = "Payment Authorized";
                subject = "Your Amazon Pay order with " + store;
                intro = "Thank you for using Amazon Pay. You authorized a payment to " + store + ". You will be charged when "
                        + store + " processes your order.";
            }
            case EMAIL_CHARGE_NOTIFICATION -> {
                Capture c = oro.capture(event.objectId()).orElseThrow(() -> missing(event));
                heading = "Charge Notification";
                subject = store + " has charged you " + money(c.amount());
                intro = store + " has charged you " + money(c.amount()) + ". If you did not authorize this charge, please contact Amazon Pay support.";
                f.put("Amount Charged", money(c.amount()));
                f.put("Transaction ID", c.id());
                if (c.note() != null && !c.note().isBlank()) f.put("Capture Note", c.note());
            }
            case EMAIL_REFUND_NOTIFICATION -> {
                Refund r = oro.refund(event.objectId()).orElseThrow(() -> missing(event));
                heading = "Refund Notification";
                subject = store + " has refunded " + money(r.amount()) + " to you";
                intro = store + " has refunded " + money(r.amount()) + " to your payment method.";
                f.put("Amount Refunded", money(r.amount()));
                f.put("Refund ID", r.id());
                f.put("Transaction ID", r.captureId());
                if (r.note() != null && !r.note().isBlank()) f.put("Refund Note", r.note());
            }
            case EMAIL_PAYMENT_DECLINED -> {
                Authorization a = oro.authorization(event.objectId()).orElseThrow(() -> missing(event));
                heading = "Please update your payment method";
                subject = "Action required: update the payment method for your order with " + store;
                intro = "The payment method you selected for your order with " + store + " was declined. Please visit Amazon Pay, "
                        + "sign in with your Amazon account and select another payment method, so that " + store
                        + " can complete your order.";
                f.put("Declined Amount", money(a.amount()));
                f.put("Authorization ID", a.id());
            }
            case EMAIL_PAYMENT_INFORMATION_UPDATED -> {
                heading = "Payment Information Updated";
                subject = "Payment information updated for your order with " + store;
                intro = "You updated the payment method for your order with " + store + ".";
            }
            default -> throw new IllegalArgumentException(event.type() + " is not a buyer e-mail");
        }
        PaymentInstrument pm = oro.paymentMethod();
        if (pm != null && (event.type() == DomainEvent.Type.EMAIL_PAYMENT_INFORMATION_UPDATED || event.type() == DomainEvent.Type.EMAIL_PAYMENT_DECLINED)) {
            f.put("Payment Method", pm.typeName() + " ending in " + pm.tail());
        }
        f.put("Seller Information", store);
        if (oro.orderTotal() != null) f.put("Order Total", money(oro.orderTotal()));
        if (oro.sellerOrderId() != null && !oro.sellerOrderId().isBlank()) f.put("Seller Order ID", oro.sellerOrderId());
        Instant orderDate = oro.confirmed() != null ? oro.confirmed() : event.at();
        f.put("Order Date", ORDER_DATE.format(orderDate));
        if (seller != null && seller.customerServiceEmail() != null) f.put("Email", seller.customerServiceEmail());
        if (seller != null && seller.customerServicePhone() != null) f.put("Phone", seller.customerServicePhone());
        String note = oro.sellerNote();
        if (note != null && !note.isBlank()) f.put("Note from Seller", note);

        StringBuilder t = new StringBuilder();
        t.append(heading).append('\n').append("Amazon Ref ID: ").append(oro.id()).append("\n\n");
        t.append(buyerName == null ? "Hello," : "Hi " + buyerName + ",").append("\n\n").append(intro).append("\n\n");
        for (Map.Entry<String, String> e : f.entrySet()) {
            if (e.getKey().equals("Email")) t.append("\nHave questions about your order?\n");
            t.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        t.append("\nThis e-mail was sent by Offpay, an Amazon Pay sandbox. No real payment was made.\n");
        return new BuyerEmail(event.type().name(), to, buyerName, subject, t.toString(), f);
    }

    /** "$199.00", "£199.00", "€199.00", "¥1000"; other currencies as "CHF 199.00". */
    static String money(Money m) {
        String symbol = switch (m.currency()) {
            case USD -> "$";
            case GBP -> "£";
            case EUR -> "€";
            case JPY -> "¥";
            default -> m.currency().name() + " ";
        };
        return symbol + m.toPlainString();
    }

    private static IllegalStateException missing(DomainEvent e) {
        return new IllegalStateException("the order reference has no object " + e.objectId() + " for " + e.type());
    }
}
