package dev.offpay.notify;

import dev.offpay.testkit.SettableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offpay.core.Authorization;
import dev.offpay.core.CallContext;
import dev.offpay.core.Capture;
import dev.offpay.core.CurrencyCode;
import dev.offpay.core.Environment;
import dev.offpay.core.Money;
import dev.offpay.core.OrderReference;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Region;
import dev.offpay.core.Seller;
import dev.offpay.core.Store;
import dev.offpay.core.TestBuyers;
import dev.offpay.store.JdbcOutbox;
import dev.offpay.store.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A store with a seller whose IPN URL is a local receiver, a payment service and a notifier, all on one settable clock. */
abstract class NotifierFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00Z"));
    JdbcStore store;
    JdbcOutbox outbox;
    PaymentService payments;
    Receiver receiver;
    Notifier notifier;
    String sellerId;

    /** Opens a fresh, empty store. */
    abstract JdbcStore openStore(Path dir, OutboxRenderer renderer) throws Exception;

    @BeforeEach
    void open() throws Exception {
        receiver = new Receiver();
        AtomicReference<Store> ref = new AtomicReference<>();
        store = openStore(dir, new NotificationPayloads(id -> ref.get().sellerById(id)));
        ref.set(store);
        outbox = new JdbcOutbox(store);
        payments = new PaymentService(store, clock, new Random(7), Duration.ofSeconds(30), Duration.ofSeconds(30));
        sellerId = "A" + Long.toString(System.nanoTime(), 36).toUpperCase();
        Seller s = Seller.create(sellerId, "AK" + sellerId, "secret-" + sellerId, Region.US, "Offpay Test Store")
                .withSettings(Region.US, "Offpay Test Store", receiver.url(), null, false, "help@shop.example", "+1 206 555 0100", true);
        store.saveSeller(s);
        notifier = newNotifier(NotifierSettings.defaults(dir.resolve("data"), "http://127.0.0.1:1"));
    }

    Notifier newNotifier(NotifierSettings settings) {
        return new Notifier(settings, outbox, store, clock);
    }

    @AfterEach
    void close() {
        notifier.stop();
        receiver.close();
        store.close();
    }

    Seller seller() {
        return store.sellerById(sellerId).orElseThrow();
    }

    CallContext call() {
        return new CallContext(seller(), Environment.SANDBOX);
    }

    static Money usd(String amount) {
        return Money.parse(CurrencyCode.USD, amount);
    }

    /** Draft → details → confirm; returns the order reference id. */
    String confirmedOrder() {
        OrderReference o = payments.createDraft(call(), new PaymentService.DraftOptions(TestBuyers.defaultBuyer(Region.US), null, true, null, true, true));
        payments.setOrderReferenceDetails(call(), o.id(), new OrderReference.Attributes(usd("106.00"), "Thank you for your order", null,
                "ORDER-42", "Court and Cherry", null, null, null, null, null, null));
        payments.confirm(call(), o.id(), false);
        return o.id();
    }

    /** Confirm, authorize synchronously, capture: several IPNs of one order reference. */
    String capturedOrder() {
        String id = confirmedOrder();
        Authorization a = payments.authorize(call(), id, new OrderReference.AuthorizeRequest("a" + id.substring(4).replace("-", ""),
                usd("106.00"), null, 0, false, null));
        Capture c = payments.capture(call(), a.id(), new OrderReference.CaptureRequest("c" + id.substring(4).replace("-", ""),
                usd("106.00"), "Your satchel ships today", null));
        assertNotNull(c.id());
        return id;
    }

    List<JdbcOutbox.Row> ipnRows(String orderReferenceId) {
        return outbox.rows(sellerId, orderReferenceId, null, false, 1000);
    }

    static JsonNode message(Receiver.Request r) throws Exception {
        return JSON.readTree(JSON.readTree(r.body()).get("Message").asText());
    }

}
