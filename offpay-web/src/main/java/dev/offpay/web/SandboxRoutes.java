package dev.offpay.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offpay.core.CallContext;
import dev.offpay.core.Environment;
import dev.offpay.core.OrderReference;
import dev.offpay.core.PaymentException;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Seller;
import dev.offpay.core.TestBuyer;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sandbox helpers (JSON, HTTP Basic with the seller's keys, sandbox objects only): Draft order
 * references as a signed-in test buyer would create them, and the seller's clock.
 */
public final class SandboxRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxRoutes() {
    }

    /** @param afterClockAdvance runs what else became due (IPN retries) for the seller before the advance answers */
    public static void register(Javalin app, WebContext web, Consumer<String> afterClockAdvance) {
        app.post("/sandbox/v1/order-references", ctx -> createOrderReference(ctx, web));
        app.post("/sandbox/v1/clock", ctx -> advance(ctx, web, afterClockAdvance));
        app.get("/sandbox/v1/clock", ctx -> {
            Seller s = SandboxAuth.seller(ctx, web.store());
            ctx.json(Map.of("now", web.payments().now(s).toString(), "offset", s.clockOffset().toString()));
        });
    }

    private static JsonNode body(Context ctx) throws Exception {
        String b = ctx.body();
        return b == null || b.isBlank() ? JSON.createObjectNode() : JSON.readTree(b);
    }

    private static void createOrderReference(Context ctx, WebContext web) throws Exception {
        Seller seller = SandboxAuth.seller(ctx, web.store());
        JsonNode b = body(ctx);
        if (!b.isObject()) throw PaymentException.invalidParameter("the body must be a JSON object");
        TestBuyer buyer;
        if (b.hasNonNull("buyerEmail")) {
            String email = b.get("buyerEmail").asText();
            buyer = web.testBuyers().find(seller, email).orElseThrow(() -> PaymentException.invalidParameter(
                    "buyerEmail " + email + " is not a test buyer of seller " + seller.id() + "; create it with POST /sandbox/v1/test-buyers"));
        } else {
            buyer = web.testBuyers().list(seller).get(0);
        }
        boolean withAddress = true;
        Integer addressIndex = null;
        JsonNode address = b.get("address");
        if (address != null && !address.isNull()) {
            if (address.isBoolean()) withAddress = address.asBoolean();
            else if (address.isInt()) addressIndex = address.asInt();
            else throw PaymentException.invalidParameter("address must be true, false or the index of one of the buyer's addresses");
        }
        boolean withPayment = true;
        String tail = null;
        JsonNode pm = b.get("paymentMethod");
        if (pm != null && !pm.isNull()) {
            if (pm.isBoolean()) withPayment = pm.asBoolean();
            else if (pm.isTextual()) tail = pm.asText();
            else throw PaymentException.invalidParameter("paymentMethod must be false or the last four digits of one of the buyer's instruments");
        }
        boolean addressBook = !b.has("useAmazonAddressBook") || b.get("useAmazonAddressBook").asBoolean(true);
        OrderReference o = web.payments().createDraft(new CallContext(seller, Environment.SANDBOX),
                new PaymentService.DraftOptions(buyer, addressIndex, withAddress, tail, withPayment, addressBook));
        ctx.status(201).json(Map.of("amazonOrderReferenceId", o.id(), "buyerEmail", buyer.email()));
    }

    private static void advance(Context ctx, WebContext web, Consumer<String> afterClockAdvance) throws Exception {
        Seller seller = SandboxAuth.seller(ctx, web.store());
        JsonNode b = body(ctx);
        if (!b.hasNonNull("advance")) {
            throw PaymentException.invalidParameter("expected {\"advance\": \"<ISO-8601 duration>\"}, e.g. {\"advance\": \"PT31S\"}");
        }
        Duration by;
        try {
            by = Duration.parse(b.get("advance").asText());
        } catch (DateTimeParseException e) {
            throw PaymentException.invalidParameter("advance \"" + b.get("advance").asText()
                    + "\" is not an ISO-8601 duration such as PT31S, PT3H or P2D");
        }
        Instant now = web.payments().advanceClock(seller, by);
        afterClockAdvance.accept(seller.id());
        ctx.json(Map.of("now", now.toString()));
    }
}
