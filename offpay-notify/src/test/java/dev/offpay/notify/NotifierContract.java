package dev.offpay.notify;

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

/**
 * Delivery of IPNs on the seller's clock: signing, retries until DEAD, per-order ordering, injected
 * faults, restart safety, the mailbox. Runs on every database through a thin subclass.
 */
abstract class NotifierContract extends NotifierFixture {

    @Test
    void everyIpnIsPostedOnceSignedAndInCommitOrder() throws Exception {
        String id = capturedOrder();
        List<JdbcOutbox.Row> rows = ipnRows(id);
        assertTrue(rows.size() >= 3, "confirm, authorize and capture each write an IPN: " + rows);
        notifier.runDue(sellerId);

        List<Receiver.Request> got = receiver.requests();
        assertEquals(rows.size(), got.size());
        List<String> sentIds = new ArrayList<>();
        for (Receiver.Request r : got) {
            JsonNode env = JSON.readTree(r.body());
            env.fields().forEachRemaining(f -> assertTrue(f.getValue().isTextual(), f.getKey() + " must be a JSON string"));
            assertEquals("Notification", env.get("Type").asText());
            assertEquals("1", env.get("SignatureVersion").asText());
            assertFalse(env.has("Subject"));
            assertEquals("Notification", r.headers().get("x-amz-sns-message-type"));
            assertEquals(env.get("MessageId").asText(), r.headers().get("x-amz-sns-message-id"));
            assertEquals(env.get("TopicArn").asText(), r.headers().get("x-amz-sns-topic-arn"));
            assertTrue(r.headers().get("x-amz-sns-subscription-arn").startsWith(env.get("TopicArn").asText() + ":"));
            assertTrue(env.get("SigningCertURL").asText().endsWith(notifier.certificatePath()));
            assertTrue(verifies(env), "signature verifies with the served certificate");
            JsonNode m = message(r);
            assertEquals(sellerId, m.get("SellerId").asText());
            assertEquals("AGWSWK15IEJJ7", m.get("MarketplaceID").asText());
            assertEquals("Sandbox", m.get("ReleaseEnvironment").asText());
            assertEquals("2013-01-01", m.get("Version").asText());
            assertTrue(m.get("NotificationData").asText().contains("xmlns=\"https://mws.amazonservices.com/ipn/OffAmazonPayments/2013-01-01\""));
            sentIds.add(m.get("NotificationReferenceId").asText());
        }
        assertEquals(rows.stream().map(JdbcOutbox.Row::id).toList(), sentIds, "sent in seq order, one NotificationReferenceId per row");
        for (JdbcOutbox.Row r : ipnRows(id)) {
            assertEquals(JdbcOutbox.DELIVERED, r.status());
            assertEquals(1, r.attempts());
        }
        assertEquals(0, notifier.runDue(sellerId), "nothing is sent twice");
        assertEquals(rows.size(), receiver.requests().size());
    }

    private boolean verifies(JsonNode env) throws Exception {
        String toSign = "Message\n" + env.get("Message").asText() + "\nMessageId\n" + env.get("MessageId").asText()
                + "\nTimestamp\n" + env.get("Timestamp").asText() + "\nTopicArn\n" + env.get("TopicArn").asText() + "\nType\nNotification\n";
        Signature v = Signature.getInstance("SHA1withRSA");
        v.initVerify(SigningCertificate.readCertificate(notifier.certificatePem()).getPublicKey());
        v.update(toSign.getBytes(StandardCharsets.UTF_8));
        return v.verify(Base64.getDecoder().decode(env.get("Signature").asText()));
    }

    @Test
    void aFailingReceiverIsRetriedHourlyOnTheSellersClockFor14DaysThenTheRowIsDead() {
        receiver.status.set(500);
        String id = confirmedOrder();
        JdbcOutbox.Row row = ipnRows(id).get(0);
        notifier.runDue(sellerId);
        assertEquals(1, receiver.requests().size());
        JdbcOutbox.Row after = outbox.row(sellerId, row.id()).orElseThrow();
        assertEquals(JdbcOutbox.PENDING, after.status());
        assertEquals(row.createdMs() + Duration.ofHours(1).toMillis(), after.nextAttemptMs());
        assertEquals(500, after.lastStatus());

        payments.advanceClock(seller(), Duration.ofMinutes(59));
        assertEquals(0, notifier.runDue(sellerId), "not due before the hour");
        payments.advanceClock(seller(), Duration.ofMinutes(1));
        notifier.runDue(sellerId);
        assertEquals(2, receiver.requests().size());
        int attempts = 2;
        while (outbox.row(sellerId, row.id()).orElseThrow().status().equals(JdbcOutbox.PENDING)) {
            payments.advanceClock(seller(), Duration.ofHours(1));
            notifier.runDue(sellerId);
            attempts++;
            assertTrue(attempts <= 400, "must be dead after 14 days");
        }
        JdbcOutbox.Row dead = outbox.row(sellerId, row.id()).orElseThrow();
        assertEquals(JdbcOutbox.DEAD, dead.status());
        // Attempts at 0 h, 1 h, … 336 h (= 14 days) after the notification was written.
        assertEquals(337, dead.attempts());
        assertEquals(337, receiver.requests().size());
        assertEquals(337, notifier.entry(sellerId, row.id()).orElseThrow().attempts().size());
        payments.advanceClock(seller(), Duration.ofDays(1));
        notifier.runDue(sellerId);
        assertEquals(337, receiver.requests().size(), "a dead notification is not retried");
    }

    @Test
    void laterIpnsOfAnOrderWaitForTheEarlierOneWhileTheReceiverIsDownThenAllArriveInOrder() throws Exception {
        receiver.status.set(503);
        String id = capturedOrder();
        List<JdbcOutbox.Row> rows = ipnRows(id);
        notifier.runDue(sellerId);
        assertEquals(1, receiver.requests().size(), "only the first IPN is tried while it is undelivered");

        payments.advanceClock(seller(), Duration.ofHours(5));
        notifier.runDue(sellerId);
        assertEquals(2, receiver.requests().size(), "missed hourly retries collapse into one attempt after a clock jump");
        assertEquals(rows.get(0).id(), message(receiver.requests().get(1)).get("NotificationReferenceId").asText());

        receiver.status.set(200);
        payments.advanceClock(seller(), Duration.ofHours(1));
        notifier.runDue(sellerId);
        List<Receiver.Request> got = receiver.requests();
        assertEquals(2 + rows.size(), got.size());
        List<String> order = new ArrayList<>();
        for (Receiver.Request r : got.subList(2, got.size())) order.add(message(r).get("NotificationReferenceId").asText());
        assertEquals(rows.stream().map(JdbcOutbox.Row::id).toList(), order);
        assertEquals(got.get(0).body(), got.get(2).body(), "every attempt of a row posts the same signed envelope");
    }

    @Test
    void sellersWithoutAnIpnUrlKeepTheRowsMarkedNoEndpoint() {
        Seller s = seller();
        store.saveSeller(s.withSettings(s.region(), s.storeName(), null, null, false, null, null, true));
        String id = confirmedOrder();
        notifier.runDue(sellerId);
        assertTrue(receiver.requests().isEmpty());
        JdbcOutbox.Row r = ipnRows(id).get(0);
        assertEquals(JdbcOutbox.NO_ENDPOINT, r.status());
        assertTrue(r.lastError().contains("no Sandbox IPN URL"));
    }

    @Test
    void injectedFailuresDoNotReachTheReceiverAndAreRetried() {
        notifier.setFaults(sellerId, 2, 502, 0, Duration.ZERO, 0);
        String id = confirmedOrder();
        notifier.runDue(sellerId);
        payments.advanceClock(seller(), Duration.ofHours(1));
        notifier.runDue(sellerId);
        assertTrue(receiver.requests().isEmpty());
        payments.advanceClock(seller(), Duration.ofHours(1));
        notifier.runDue(sellerId);
        assertEquals(1, receiver.requests().size());
        Notifier.LogEntry e = notifier.entry(sellerId, ipnRows(id).get(0).id()).orElseThrow();
        assertEquals(List.of("INJECTED_FAILURE", "INJECTED_FAILURE", "DELIVERY"), e.attempts().stream().map(JdbcOutbox.Attempt::kind).toList());
        assertEquals(502, e.attempts().get(0).statusCode());
        assertEquals(JdbcOutbox.DELIVERED, e.row().status());
    }

    @Test
    void anInjectedDuplicatePostsTheSameNotificationTwice() throws Exception {
        notifier.setFaults(sellerId, 0, 503, 1, Duration.ZERO, 0);
        confirmedOrder();
        notifier.runDue(sellerId);
        List<Receiver.Request> got = receiver.requests();
        assertEquals(2, got.size());
        assertEquals(message(got.get(0)).get("NotificationReferenceId"), message(got.get(1)).get("NotificationReferenceId"));
        assertEquals(0, notifier.controls(sellerId).duplicateNext());
    }

    @Test
    void aDelayHoldsNewNotificationsOnTheSellersClock() {
        notifier.setFaults(sellerId, 0, 503, 0, Duration.ofSeconds(10), 0);
        confirmedOrder();
        notifier.runDue(sellerId);
        assertTrue(receiver.requests().isEmpty());
        payments.advanceClock(seller(), Duration.ofSeconds(10));
        notifier.runDue(sellerId);
        assertEquals(1, receiver.requests().size());
    }

    @Test
    void pausedDeliveryResumesAndAReorderFaultSendsTheHeldNotificationsNewestFirst() throws Exception {
        notifier.pause(sellerId);
        String id = capturedOrder();
        notifier.runDue(sellerId);
        assertTrue(receiver.requests().isEmpty(), "paused");
        List<String> ids = ipnRows(id).stream().map(JdbcOutbox.Row::id).toList();
        notifier.setFaults(sellerId, 0, 503, 0, Duration.ZERO, ids.size());
        notifier.resume(sellerId);
        List<String> order = new ArrayList<>();
        for (Receiver.Request r : receiver.requests()) order.add(message(r).get("NotificationReferenceId").asText());
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, order);
        assertEquals(0, notifier.controls(sellerId).reorderNext());
    }

    @Test
    void resendPostsADeliveredNotificationAgainWithTheSameReferenceId() throws Exception {
        String id = confirmedOrder();
        notifier.runDue(sellerId);
        JdbcOutbox.Row row = ipnRows(id).get(0);
        Notifier.LogEntry e = notifier.resend(seller(), row.id()).orElseThrow();
        assertEquals(JdbcOutbox.DELIVERED, e.row().status());
        assertEquals(2, e.attempts().size());
        assertEquals(2, receiver.requests().size());
        assertEquals(row.id(), message(receiver.requests().get(1)).get("NotificationReferenceId").asText());
        assertTrue(notifier.resend(seller(), "no-such-id").isEmpty());
    }

    @Test
    void aRestartedNodeReleasesItsOwnClaimsAndAnotherNodesExpiredClaimIsTakenOver() throws Exception {
        String id = confirmedOrder();
        JdbcOutbox.Row row = ipnRows(id).get(0);
        String node = Files.readString(dir.resolve("data").resolve("notifier-node-id")).trim();
        // This node claimed the row and died before sending it.
        assertEquals(2, outbox.claimDue(sellerId, clock.millis(), clock.millis() + 60_000, node, 10).size(), "the IPN and the e-mail");
        assertEquals(0, notifier.runDue(sellerId), "claimed rows are not sent twice at once");
        Notifier restarted = newNotifier(NotifierSettings.defaults(dir.resolve("data"), "http://127.0.0.1:1"));
        restarted.start();
        restarted.stop();
        restarted.runDue(sellerId);
        assertEquals(JdbcOutbox.DELIVERED, outbox.row(sellerId, row.id()).orElseThrow().status());

        String second = confirmedOrder();
        JdbcOutbox.Row other = ipnRows(second).get(0);
        int claimed = outbox.claimDue(sellerId, clock.millis(), clock.millis() + 60_000, "another-node", 10).size();
        assertEquals(2, claimed, "the IPN and the buyer e-mail of the confirmation");
        assertEquals(0, notifier.runDue(sellerId));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(claimed, notifier.runDue(sellerId), "the lease expired: the rows are taken over");
        assertEquals(JdbcOutbox.DELIVERED, outbox.row(sellerId, other.id()).orElseThrow().status());
        assertFalse(outbox.complete(outbox.row(sellerId, other.id()).orElseThrow(), "another-node",
                new JdbcOutbox.Outcome(JdbcOutbox.DEAD, 1, 0, null, "late", null), List.of()), "the dead node's late outcome is ignored");
    }

    @Test
    void manyOutcomesAreWrittenInOneTransactionEachCheckedAgainstItsClaimAndTheNextIpnOfTheOrderIsClaimedWithThem() {
        String a = capturedOrder();
        String b = capturedOrder();
        long now = clock.millis();
        List<JdbcOutbox.Row> claimed = outbox.claimDue(sellerId, now, now + 60_000, "node-x", 100);
        JdbcOutbox.Row ipnA = claimed.stream().filter(r -> !r.isEmail() && r.orderReferenceId().equals(a)).findFirst().orElseThrow();
        JdbcOutbox.Row ipnB = claimed.stream().filter(r -> !r.isEmail() && r.orderReferenceId().equals(b)).findFirst().orElseThrow();
        assertEquals(1, claimed.stream().filter(r -> !r.isEmail() && r.orderReferenceId().equals(a)).count(), "one IPN per order at a time");
        // B's claim was lost (resent: the claim no longer matches), so its outcome must write nothing.
        assertTrue(outbox.resend(sellerId, ipnB.id(), now));
        JdbcOutbox.Outcome ok = new JdbcOutbox.Outcome(JdbcOutbox.DELIVERED, 1, now, 200, null, now);
        JdbcOutbox.Completed done = outbox.completeAll("node-x", List.of(
                new JdbcOutbox.Completion(ipnA, ok, List.of(new JdbcOutbox.Attempt(ipnA.id(), 1, "DELIVERY", now, "m", "u", 200, 1, null))),
                new JdbcOutbox.Completion(ipnB, ok, List.of(new JdbcOutbox.Attempt(ipnB.id(), 1, "DELIVERY", now, "m", "u", 200, 1, null)))),
                now, now + 60_000);
        assertEquals(List.of(true, false), done.written());
        assertEquals(JdbcOutbox.DELIVERED, outbox.row(sellerId, ipnA.id()).orElseThrow().status());
        JdbcOutbox.Row lost = outbox.row(sellerId, ipnB.id()).orElseThrow();
        assertEquals(JdbcOutbox.PENDING, lost.status());
        assertEquals(0, lost.attempts());
        assertTrue(outbox.attempts(List.of(ipnB.id())).isEmpty(), "a lost claim records no attempt");
        assertEquals(1, outbox.attempts(List.of(ipnA.id())).get(ipnA.id()).size());
        // Only order A was unblocked: its next IPN was claimed in the same transaction, nothing of B.
        assertEquals(List.of(ipnRows(a).get(1).id()), done.next().stream().map(JdbcOutbox.Row::id).toList());
        assertTrue(done.next().get(0).claimedUntilMs() > now);
        assertEquals(0, outbox.claimDue(sellerId, now, now + 60_000, "node-y", 100).stream()
                .filter(r -> r.orderReferenceId().equals(a) && !r.isEmail()).count(), "A's next IPN is claimed, the one after waits");
    }

    @Test
    void theBackgroundWorkerDeliversWithoutBeingAsked() throws Exception {
        notifier.start();
        String id = capturedOrder();
        int expected = ipnRows(id).size();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (receiver.requests().size() < expected && System.nanoTime() < deadline) {
            notifier.wake();
            Thread.onSpinWait();
        }
        assertEquals(expected, receiver.requests().size());
        notifier.runDue(sellerId);
        assertEquals(expected, receiver.requests().size());
        for (JdbcOutbox.Row r : ipnRows(id)) assertEquals(JdbcOutbox.DELIVERED, r.status());
    }

    @Test
    void buyerEmailsGoToTheMailboxOncePerEvent() {
        String id = capturedOrder();
        notifier.runDue(sellerId);
        List<JdbcOutbox.Mail> mails = notifier.mailbox(sellerId, id, null, 100);
        assertEquals(List.of("EMAIL_PAYMENT_AUTHORIZED", "EMAIL_CHARGE_NOTIFICATION"), mails.stream().map(JdbcOutbox.Mail::eventType).toList());
        JdbcOutbox.Mail authorized = mails.get(0);
        assertEquals("NOT_CONFIGURED", authorized.smtpStatus());
        assertNotNull(authorized.to());
        assertTrue(authorized.body().contains("Seller Information: Court and Cherry"), authorized.body());
        assertTrue(authorized.body().contains("Order Total: $106.00"));
        assertTrue(authorized.body().contains("Seller Order ID: ORDER-42"));
        assertTrue(authorized.body().contains("Note from Seller: Thank you for your order"));
        assertTrue(authorized.body().contains("Email: help@shop.example"));
        assertTrue(authorized.body().contains("Phone: +1 206 555 0100"));
        JdbcOutbox.Mail charge = mails.get(1);
        assertTrue(charge.body().contains("Court and Cherry has charged you $106.00"), charge.body());
        assertTrue(charge.body().contains("Capture Note: Your satchel ships today"));
        assertTrue(charge.body().contains("Transaction ID: " + charge.objectId()));

        // A resend of an e-mail row finds the stored e-mail: still one per event.
        JdbcOutbox.Row row = outbox.rows(sellerId, id, null, true, 10).get(0);
        notifier.resend(seller(), row.id());
        assertEquals(2, notifier.mailbox(sellerId, id, null, 100).size());
        assertNull(outbox.controls(sellerId).paused() ? "paused" : null);
    }
}
