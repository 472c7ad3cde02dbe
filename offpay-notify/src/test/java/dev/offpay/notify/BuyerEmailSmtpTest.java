package dev.offpay.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.offpay.core.Authorization;
import dev.offpay.core.Capture;
import dev.offpay.core.OrderReference;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.store.JdbcOutbox;
import dev.offpay.store.JdbcStore;
import dev.offpay.store.SqliteStore;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Buyer e-mails over SMTP to a real SMTP server (GreenMail), exactly once per event, and the soft-decline loop. */
class BuyerEmailSmtpTest extends NotifierFixture {
    private GreenMail smtp;

    @Override
    JdbcStore openStore(Path dir, OutboxRenderer renderer) {
        return new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.NORMAL, renderer);
    }

    @Override
    Notifier newNotifier(NotifierSettings settings) {
        if (smtp == null) {
            smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            smtp.start();
        }
        return super.newNotifier(settings.withSmtpUrl("smtp://127.0.0.1:" + smtp.getSmtp().getPort() + "?from=payments@offpay.test"));
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private List<String> subjects() throws Exception {
        MimeMessage[] got = smtp.getReceivedMessages();
        String[] s = new String[got.length];
        for (int i = 0; i < got.length; i++) s[i] = got[i].getSubject();
        return Arrays.asList(s);
    }

    @Test
    void authorizedChargeAndRefundEmailsAreSentOnceEachAcrossResendsAndRestarts() throws Exception {
        String id = capturedOrder();
        OrderReference o = store.orderReference(sellerId, dev.offpay.core.Environment.SANDBOX, id).orElseThrow();
        Capture c = o.authorizations().get(0).captures().get(0);
        payments.refund(call(), c.id(), new OrderReference.RefundRequest("r" + id.substring(4).replace("-", ""), usd("6.00"),
                "Sorry about the scratch", null));
        payments.advanceClock(seller(), Duration.ofSeconds(31)); // the sandbox refund completes after 30 s
        notifier.runDue(sellerId);

        assertEquals(List.of("Your Amazon Pay order with Court and Cherry", "Court and Cherry has charged you $106.00",
                "Court and Cherry has refunded $6.00 to you"), subjects());
        MimeMessage charge = smtp.getReceivedMessages()[1];
        assertEquals(o.buyer().email(), ((jakarta.mail.internet.InternetAddress) charge.getAllRecipients()[0]).getAddress());
        assertEquals("payments@offpay.test", ((jakarta.mail.internet.InternetAddress) charge.getFrom()[0]).getAddress());
        String body = (String) charge.getContent();
        assertTrue(body.contains("Capture Note: Your satchel ships today"), body);
        assertTrue(body.contains("Transaction ID: " + c.id()));
        String refund = (String) smtp.getReceivedMessages()[2].getContent();
        assertTrue(refund.contains("Refund Note: Sorry about the scratch"), refund);

        List<JdbcOutbox.Mail> mailbox = notifier.mailbox(sellerId, id, null, 100);
        assertEquals(3, mailbox.size());
        assertTrue(mailbox.stream().allMatch(m -> m.smtpStatus().equals("SENT")));
        JdbcOutbox.Row row = outbox.rows(sellerId, id, null, true, 10).get(1);
        assertEquals("<" + row.id() + "@offpay>", charge.getMessageID());

        notifier.resend(seller(), row.id());
        Notifier restarted = newNotifier(NotifierSettings.defaults(dir.resolve("data"), "http://127.0.0.1:1"));
        restarted.start();
        restarted.runDue(sellerId);
        restarted.stop();
        assertEquals(3, smtp.getReceivedMessages().length, "one e-mail per event");
        assertEquals(3, notifier.mailbox(sellerId, id, null, 100).size());
    }

    @Test
    void aSoftDeclineAsksTheBuyerToUpdateThePaymentMethodAndTheUpdateIsAnnounced() throws Exception {
        String id = confirmedOrder();
        Authorization a = payments.authorize(call(), id, new OrderReference.AuthorizeRequest("d" + id.substring(4).replace("-", ""),
                usd("106.00"), "{\"SandboxSimulation\": {\"State\":\"Declined\", \"ReasonCode\":\"InvalidPaymentMethod\", "
                + "\"PaymentMethodUpdateTimeInMins\":5}}", 0, false, null));
        assertEquals("Declined", a.status().state());
        notifier.runDue(sellerId);
        payments.advanceClock(seller(), Duration.ofMinutes(5));
        notifier.runDue(sellerId);

        List<String> subjects = subjects();
        assertEquals(3, subjects.size(), subjects.toString());
        assertEquals("Action required: update the payment method for your order with Court and Cherry", subjects.get(1));
        assertEquals("Payment information updated for your order with Court and Cherry", subjects.get(2));
        String declined = (String) smtp.getReceivedMessages()[1].getContent();
        assertTrue(declined.contains("select another payment method"), declined);

        List<String> states = receiver.requests().stream().map(r -> {
            try {
                String xml = message(r).get("NotificationData").asText();
                return xml.contains("<OrderReferenceNotification") ? xml.replaceAll("(?s).*<OrderReferenceStatus>\\s*<State>(\\w+)</State>.*", "$1") : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(s -> s != null).toList();
        assertEquals(List.of("Open", "Suspended", "Open"), states);
    }

    @Test
    void anUnreachableSmtpServerKeepsTheEmailInTheMailboxAndRetriesOnTheSchedule() {
        notifier = super.newNotifier(NotifierSettings.defaults(dir.resolve("data"), "http://127.0.0.1:1").withSmtpUrl("smtp://127.0.0.1:1"));
        String id = confirmedOrder();
        notifier.runDue(sellerId);
        JdbcOutbox.Mail m = notifier.mailbox(sellerId, id, null, 10).get(0);
        assertEquals("FAILED", m.smtpStatus());
        JdbcOutbox.Row row = outbox.rows(sellerId, id, null, true, 10).get(0);
        assertEquals(JdbcOutbox.PENDING, row.status());
        assertEquals(row.createdMs() + Duration.ofHours(1).toMillis(), row.nextAttemptMs());
    }
}
