package dev.offpay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Load generator for a running Offpay: {@code --clients} virtual clients loop full signed checkout
 * flows against {@code --url} (and nothing else) for {@code --warmup} + {@code --duration} seconds,
 * then print throughput, per-operation latency percentiles and error counts.
 */
public final class Bench {

    private Bench() {}

    /** Entry point of {@code java -jar offpay-bench.jar}. */
    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.getenv(), System.out, System.err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 130;
        }
        // Clients are daemon threads, but exit explicitly so nothing can keep the JVM alive.
        System.exit(status);
    }

    /**
     * Runs the bench; returns the exit status: 0 when flows completed, 1 when none did, 2 for bad
     * options or an unreachable server.
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err)
            throws InterruptedException {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(BenchOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(BenchOptions.USAGE);
            return 0;
        }
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(Math.min(5, options.timeoutSeconds())))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        if (!reachable(http, options, err)) {
            return 2;
        }
        err.println("Running " + options + " on " + Runtime.getRuntime().availableProcessors() + " cores");
        BenchSummary summary = new LoadRun(options, err).execute(http);
        out.print(summary.toText());
        if (options.jsonFile() != null) {
            try {
                summary.writeJson(options.jsonFile());
                err.println("Summary written to " + options.jsonFile());
            } catch (IOException e) {
                err.println("Could not write " + options.jsonFile() + ": " + e);
                return 2;
            }
        }
        return summary.flows() > 0 ? 0 : 1;
    }

    /** {@code GET /health} first, so a server that is not there gives one clear line instead of a run of errors. */
    private static boolean reachable(HttpClient http, BenchOptions options, PrintStream err) throws InterruptedException {
        URI health = URI.create(options.url() + "/health");
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(options.timeoutSeconds())).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                err.println("Warning: GET " + health + " answered HTTP " + response.statusCode() + "; running anyway.");
            }
            return true;
        } catch (IOException e) {
            err.println("Cannot reach Offpay at " + options.url() + " (" + e + "). Start it with ./offpay serve.");
            return false;
        }
    }
}
