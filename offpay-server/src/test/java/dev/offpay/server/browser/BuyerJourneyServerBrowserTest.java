package dev.offpay.server.browser;

import dev.offpay.core.Seller;
import dev.offpay.server.Config;
import dev.offpay.server.OffpayServer;
import dev.offpay.testkit.BrowserSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The buyer journey in real Chromium against the whole server on port 0: Widgets.js, sign-in popup,
 * AddressBook and Wallet, read-only review, order placed, no-AddressBook and smartphone modes, widget
 * errors, a soft decline fixed on the buyer site, a merchant page on its own origin and Login and Pay.
 * The suite is offpay-web/src/test/browser (Node + playwright-core driving Debian's /usr/bin/chromium);
 * its screenshots go to target/screenshots (or -Doffpay.screenshots=../docs/screenshots). Without chromium, node or npm this fails when CI=true and is
 * skipped otherwise.
 */
class BuyerJourneyServerBrowserTest {
    @TempDir
    Path data;

    @Test
    void buyerJourneyInChromium() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path suite = root.resolve("offpay-web/src/test/browser");
        try (OffpayServer server = OffpayServer.start(Config.builder().port(0).dataDir(data).quiet(true).build())) {
            Seller seller = server.defaultSeller();
            BrowserSuite.run(suite, Path.of("target/browser-suite"), server.baseUrl(), seller.id(), seller.accessKey(), seller.secretKey(),
                    // -Doffpay.screenshots=../docs/screenshots refreshes the README's pictures
                    Path.of(System.getProperty("offpay.screenshots", "target/screenshots")));
        }
    }
}
