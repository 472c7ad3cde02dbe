package dev.offpay.server;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unmodified npm amazon-payments client (src/test/npm) runs a full flow against a real Offpay. */
class NpmAmazonPaymentsTest {
    static final Path DIR = Path.of("src/test/npm");

    static boolean hasNode() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static String run(Path dir, long timeoutSeconds, java.util.Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        File log = Files.createTempFile("npm", ".log").toFile();
        pb.redirectOutput(log);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " timed out:\n" + Files.readString(log.toPath()));
        }
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    @Test
    @Timeout(300)
    void fullFlow() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!hasNode()) {
            if (ci) throw new AssertionError("node is required for the npm client conformance test in CI");
            Assumptions.abort("node is not installed: skipping the npm client test outside CI");
        }
        if (!Files.isDirectory(DIR.resolve("node_modules/amazon-payments"))) {
            run(DIR, 240, java.util.Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        }
        try (TestServer t = TestServer.start()) {
            String out = run(DIR, 60, java.util.Map.of("OFFPAY_URL", "http://127.0.0.1:" + t.server.port(),
                    "OFFPAY_SELLER", t.seller().id(), "OFFPAY_ACCESS_KEY", t.seller().accessKey(),
                    "OFFPAY_SECRET_KEY", t.seller().secretKey()), "node", "flow.js");
            assertTrue(out.contains("flow passed"), out);
        }
    }
}
