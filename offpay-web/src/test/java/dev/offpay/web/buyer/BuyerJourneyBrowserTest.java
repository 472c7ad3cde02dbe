package dev.offpay.web.buyer;

import dev.offpay.core.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The buyer journey in real Chromium against the buyer side on its own Javalin (no CV1 wire). The same
 * suite runs against the whole server in offpay-server's BuyerJourneyServerBrowserTest, which also keeps the
 * screenshots; this one writes them under target/.
 */
class BuyerJourneyBrowserTest {
    @TempDir
    Path dir;

    @Test
    void buyerJourneyInChromium() throws Exception {
        try (BuyerTestServer server = new BuyerTestServer(dir, Region.US)) {
            BrowserSuite.run(Path.of("src/test/browser"), Path.of("target/browser-suite"), server.baseUrl(),
                    server.seller.id(), server.seller.accessKey(), server.seller.secretKey(),
                    Path.of(System.getProperty("offpay.screenshots", "target/screenshots")));
        }
    }
}
