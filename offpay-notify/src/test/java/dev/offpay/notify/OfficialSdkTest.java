package dev.offpay.notify;

import com.amazon.pay.impl.ipn.NotificationFactory;
import com.amazon.pay.response.ipn.model.AuthorizationNotification;
import com.amazon.pay.response.ipn.model.CaptureNotification;
import com.amazon.pay.response.ipn.model.Notification;
import com.amazon.pay.response.ipn.model.OrderReferenceNotification;
import com.sun.net.httpserver.HttpServer;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.store.JdbcStore;
import dev.offpay.store.SqliteStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Amazon Pay Java SDK (3.6.2) parses and verifies our IPNs with its own code:
 * NotificationFactory.parseNotification checks the headers, the SigningCertURL (https, sns.*.amazonaws.com,
 * .pem), fetches the certificate with URL.openStream and verifies the SHA1withRSA signature. The test
 * set-up maps https URLs to the HTTP server that serves our certificate, as a DNS + TLS set-up would.
 */
class OfficialSdkTest extends NotifierFixture {
    private static final String SNS_CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-offpay.pem";
    private static volatile String certServer;

    @BeforeAll
    static void routeHttpsToTheCertificateServer() {
        try {
            URL.setURLStreamHandlerFactory(protocol -> !"https".equals(protocol) ? null : new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) throws IOException {
                    return new URL(certServer + u.getPath()).openConnection();
                }
            });
        } catch (Error alreadySet) {
            // set by an earlier test class in this JVM
        }
    }

    @Override
    JdbcStore openStore(Path dir, OutboxRenderer renderer) {
        return new SqliteStore(dir.resolve("offpay.db"), SqliteStore.Durability.NORMAL, renderer);
    }

    @Override
    Notifier newNotifier(NotifierSettings settings) {
        return super.newNotifier(settings.withSnsCertUrl(SNS_CERT_URL));
    }

    @Test
    void theSdkVerifiesAndParsesEveryIpnOfAFlow() throws Exception {
        HttpServer certs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Served as the web route serves it: every certificate path, PEM body.
        for (String path : notifier.certificatePaths()) {
            certs.createContext(path, ex -> {
                byte[] pem = notifier.certificatePem().getBytes(StandardCharsets.US_ASCII);
                ex.sendResponseHeaders(200, pem.length);
                ex.getResponseBody().write(pem);
                ex.close();
            });
        }
        certs.start();
        certServer = "http://127.0.0.1:" + certs.getAddress().getPort();
        try {
            String id = capturedOrder();
            notifier.runDue(sellerId);
            List<Notification> parsed = new ArrayList<>();
            for (Receiver.Request r : receiver.requests()) {
                parsed.add(NotificationFactory.parseNotification(r.headers(), r.body()));
            }
            assertTrue(parsed.size() >= 3);
            assertInstanceOf(OrderReferenceNotification.class, parsed.get(0));
            OrderReferenceNotification orn = (OrderReferenceNotification) parsed.get(0);
            assertEquals(id, orn.getOrderReference().getAmazonOrderReferenceId());
            assertEquals("Open", orn.getOrderReference().getOrderReferenceStatus().getState());
            assertEquals(sellerId, orn.getMessageMetadata().getSellerId());
            assertEquals("Sandbox", orn.getMessageMetadata().getReleaseEnvironment());
            assertTrue(parsed.stream().anyMatch(n -> n instanceof AuthorizationNotification a
                    && a.getAuthorizationDetails().getAmazonAuthorizationId().startsWith(id)));
            assertTrue(parsed.stream().anyMatch(n -> n instanceof CaptureNotification c
                    && "Completed".equals(c.getCaptureDetails().getCaptureStatus().getState())));
        } finally {
            certs.stop(0);
        }
    }
}
