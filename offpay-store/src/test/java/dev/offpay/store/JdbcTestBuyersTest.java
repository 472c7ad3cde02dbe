package dev.offpay.store;

import dev.offpay.core.Address;
import dev.offpay.core.CallContext;
import dev.offpay.core.Environment;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.PaymentException;
import dev.offpay.core.PaymentInstrument;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Region;
import dev.offpay.core.Seller;
import dev.offpay.core.TestBuyer;
import dev.offpay.core.TestBuyers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcTestBuyersTest {
    @TempDir
    Path dir;
    SqliteStore store;
    JdbcTestBuyers buyers;
    Seller seller = Seller.create("A1SELLERUK", "AKIAUK", "secret", Region.UK, "Court & Cherry");

    @BeforeEach
    void open() {
        store = new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.NORMAL, OutboxRenderer.NONE);
        store.saveSeller(seller);
        buyers = new JdbcTestBuyers(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static TestBuyer pat(String password) {
        Address a = new Address("Pat Smith", "44 Pinzon Hill", null, null, "London", null, null, null, "EC1A 2BN", "GB", "+447700900470");
        return new TestBuyer("Pat@Example.com", password, "Pat Smith", null, List.of(a),
                List.of(new PaymentInstrument("cc-3508", "Visa", "3508", "CC", null)), a);
    }

    @Test
    void defaultsComeFirstAndTheAppendixBuyerSignsIn() {
        List<TestBuyer> list = buyers.list(seller);
        assertEquals(TestBuyers.defaults(Region.UK), list);
        assertTrue(buyers.authenticate(seller, "TEST-BUYER-UK@example.com", TestBuyers.DEFAULT_PASSWORD).isPresent());
        assertTrue(buyers.authenticate(seller, "test-buyer-uk@example.com", "wrong").isEmpty());
        assertTrue(buyers.authenticate(seller, "nobody@example.com", TestBuyers.DEFAULT_PASSWORD).isEmpty());
    }

    @Test
    void createdBuyersPersistWithAHashedPassword() throws Exception {
        TestBuyer created = buyers.create(seller, pat("s3cret!pw"));
        assertEquals("pat@example.com", created.email());
        assertNull(created.password());
        store.close();
        store = new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.NORMAL, OutboxRenderer.NONE);
        buyers = new JdbcTestBuyers(store);
        List<TestBuyer> list = buyers.list(seller);
        assertEquals(TestBuyers.defaults(Region.UK).size() + 1, list.size());
        TestBuyer reloaded = list.get(list.size() - 1);
        assertEquals("Pat Smith", reloaded.name());
        assertEquals("3508", reloaded.instruments().get(0).tail());
        assertEquals("EC1A 2BN", reloaded.addresses().get(0).postalCode());
        assertTrue(buyers.authenticate(seller, "pat@example.com", "s3cret!pw").isPresent());
        assertTrue(buyers.authenticate(seller, "pat@example.com", "s3cret!pX").isEmpty());
        assertTrue(buyers.find(seller, "PAT@example.com").isPresent());
        // The password itself is nowhere in the database file.
        store.close();
        byte[] db = Files.readAllBytes(dir.resolve("offpay.db"));
        assertFalse(new String(db, java.nio.charset.StandardCharsets.ISO_8859_1).contains("s3cret!pw"));
        store = new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.NORMAL, OutboxRenderer.NONE);
    }

    @Test
    void duplicateAndBuiltInEmailsAreRejected() {
        buyers.create(seller, pat("password1"));
        assertThrows(PaymentException.class, () -> buyers.create(seller, pat("password2")));
        TestBuyer clash = new TestBuyer("test-buyer-uk@example.com", "password", "X", null, List.of(), List.of(), null);
        assertThrows(PaymentException.class, () -> buyers.create(seller, clash));
        // Another seller may use the same e-mail.
        Seller other = Seller.create("A2OTHER", "AKIAOTHER", "secret", Region.UK, "Other");
        store.saveSeller(other);
        buyers.create(other, pat("password3"));
        assertTrue(buyers.authenticate(other, "pat@example.com", "password3").isPresent());
        assertTrue(buyers.authenticate(seller, "pat@example.com", "password3").isEmpty());
    }

    @Test
    void listsTheOrderReferencesOfOneBuyer() {
        PaymentService payments = new PaymentService(store, Clock.systemUTC(), new Random(7), Duration.ofSeconds(30), Duration.ofSeconds(30));
        TestBuyer jane = TestBuyers.defaultBuyer(Region.UK);
        TestBuyer p = buyers.create(seller, pat("password1"));
        CallContext call = new CallContext(seller, Environment.SANDBOX);
        String a = payments.createDraft(call, new PaymentService.DraftOptions(jane, null, true, null, true, true)).id();
        String b = payments.createDraft(call, new PaymentService.DraftOptions(p, null, true, null, true, true)).id();
        assertEquals(List.of(a), buyers.orderReferencesOf(seller, Environment.SANDBOX, jane.email(), 50).stream().map(o -> o.id()).toList());
        assertEquals(List.of(b), buyers.orderReferencesOf(seller, Environment.SANDBOX, p.email(), 50).stream().map(o -> o.id()).toList());
        assertTrue(buyers.orderReferencesOf(seller, Environment.LIVE, p.email(), 50).isEmpty());
    }
}
