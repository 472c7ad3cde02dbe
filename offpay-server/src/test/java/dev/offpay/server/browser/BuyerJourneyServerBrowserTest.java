package dev.offpay.server.browser;

import dev.offpay.core.Seller;
import dev.offpay.server.Config;
import dev.offpay.server.OffpayServer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The buyer journey in real Chromium against the whole server on port 0: Widgets.js, sign-in popup,
 * AddressBook and Wallet, read-only review, order placed, no-AddressBook and smartphone modes, widget
 * errors, a soft decline fixed on the buyer site, a merchant page on its own origin and Login and Pay.
 * The suite is offpay-web/src/test/browser (Node + playwright-core driving Debian's /usr/bin/chromium);
 * its screenshots go to docs/screenshots/. Without chromium, node or npm this fails when CI=true and is
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
            run(suite, Path.of("target/browser-suite"), server.baseUrl(), seller, root.resolve("docs/screenshots"));
        }
    }

    // ------------------------------------------------------------------ the runner (as in offpay-web's BrowserSuite)

    static void run(Path suiteDir, Path workDir, String baseUrl, Seller seller, Path screenshotDir) throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String chromium = Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium");
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        String missing = (Files.isExecutable(Path.of(chromium)) ? "" : " chromium (" + chromium + ")")
                + (node.isPresent() ? "" : " node") + (npm.isPresent() ? "" : " npm");
        if (!missing.isEmpty()) {
            String msg = "the browser suite needs" + missing + ": apt-get update && apt-get install -y chromium nodejs npm";
            if (ci) Assertions.fail("CI=true and " + msg);
            Assumptions.abort("skipped: " + msg);
        }
        Files.createDirectories(workDir);
        for (String f : List.of("package.json", "package-lock.json", "journey.mjs")) {
            Files.copy(suiteDir.resolve(f), workDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Path stamp = workDir.resolve("node_modules/.offpay-lock");
        String lock = Files.readString(workDir.resolve("package-lock.json"));
        if (!Files.exists(stamp) || !Files.readString(stamp).equals(lock)) {
            Assertions.assertEquals(0, exec(workDir, Map.of(), 300, npm.get().toString(), "ci", "--no-audit", "--no-fund"),
                    "npm ci failed in " + workDir);
            Files.writeString(stamp, lock);
        }
        Map<String, String> env = Map.of("OFFPAY_URL", baseUrl, "SELLER_ID", seller.id(), "ACCESS_KEY", seller.accessKey(),
                "SECRET_KEY", seller.secretKey(), "SCREENSHOT_DIR", screenshotDir.toAbsolutePath().toString(),
                "ARTIFACT_DIR", workDir.resolve("artifacts").toAbsolutePath().toString(), "CHROMIUM", chromium,
                "ONLY", Optional.ofNullable(System.getenv("OFFPAY_BROWSER_ONLY")).orElse(""));
        Assertions.assertEquals(0, exec(workDir, env, 420, node.get().toString(), "journey.mjs"),
                "the browser suite failed (see the output above; failure screenshots in " + workDir.resolve("artifacts") + ")");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static int exec(Path dir, Map<String, String> env, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) System.out.println("[browser] " + line);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        pump.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            pump.join(5000);
            Assertions.fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        pump.join(5000);
        return p.exitValue();
    }
}
