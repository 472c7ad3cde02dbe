package dev.offpay.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

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
 * Runs the Playwright suite (offpay-web/src/test/browser) in Debian's Chromium against a running
 * Offpay. Without node, npm or chromium the test fails when CI=true and is skipped otherwise.
 */
public final class BrowserSuite {
    private BrowserSuite() {
    }

    public static void run(Path suiteDir, Path workDir, String baseUrl, String sellerId, String accessKey, String secretKey,
                    Path screenshotDir) throws Exception {
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
            int rc = exec(workDir, Map.of(), 300, npm.get().toString(), "ci", "--no-audit", "--no-fund");
            Assertions.assertEquals(0, rc, "npm ci failed in " + workDir);
            Files.writeString(stamp, lock);
        }
        Map<String, String> env = Map.of("OFFPAY_URL", baseUrl, "SELLER_ID", sellerId, "ACCESS_KEY", accessKey,
                "SECRET_KEY", secretKey, "SCREENSHOT_DIR", screenshotDir.toAbsolutePath().toString(),
                "ARTIFACT_DIR", workDir.resolve("artifacts").toAbsolutePath().toString(), "CHROMIUM", chromium,
                "ONLY", Optional.ofNullable(System.getenv("OFFPAY_BROWSER_ONLY")).orElse(""));
        int rc = exec(workDir, env, 420, node.get().toString(), "journey.mjs");
        Assertions.assertEquals(0, rc, "the browser suite failed (see the output above; failure screenshots in "
                + workDir.resolve("artifacts") + ")");
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
