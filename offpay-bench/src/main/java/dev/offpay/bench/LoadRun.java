package dev.offpay.bench;

import dev.offpay.client.OffpayClient;
import dev.offpay.client.RetryPolicy;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One bench run: {@code clients} platform threads loop checkout flows, unmeasured during the
 * warm-up, measured afterwards until the duration ends or the flow limit is reached. A flow belongs
 * to the phase in which it started.
 */
public final class LoadRun {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final BenchOptions options;
    private final PrintStream progress;

    /** A run with these options; progress lines go to {@code progress}. */
    public LoadRun(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs to completion (bounded by duration + warm-up + one call timeout) and summarizes. */
    public BenchSummary execute(HttpClient http) throws InterruptedException {
        Duration timeout = Duration.ofSeconds(options.timeoutSeconds());
        OffpayClient client = OffpayClient.builder()
                .endpoint(options.url())
                .sandbox(true)
                .sellerId(options.sellerId())
                .accessKey(options.accessKey())
                .secretKey(options.secretKey())
                .requestTimeout(timeout)
                // A retried call would hide the server's real latency and error rate.
                .retryPolicy(RetryPolicy.none())
                .httpClient(http)
                .build();
        SandboxOrderReferences sandbox = new SandboxOrderReferences(http, options.url(), options.accessKey(),
                options.secretKey(), timeout);
        CheckoutFlow flow = new CheckoutFlow(client, sandbox, options.currency(), System::nanoTime);

        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        long measureStart = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = measureStart + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        AtomicLong flowTickets = new AtomicLong();
        LongAdder measuredCalls = new LongAdder();
        // A client hands its recorder over when it stops; the queue makes its counts visible here.
        Queue<FlowRecorder> stopped = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients(), namedThreads());
        for (int i = 0; i < options.clients(); i++) {
            pool.execute(() -> {
                FlowRecorder recorder = new FlowRecorder(measuredCalls);
                try {
                    loop(flow, recorder, measureStart, end, flowTickets);
                } finally {
                    stopped.add(recorder);
                }
            });
        }
        pool.shutdown();

        // Every call is bounded by the timeout, so workers are done shortly after the end.
        long hardStop = end + timeout.toNanos() * 2 + TimeUnit.SECONDS.toNanos(5);
        long lastCalls = 0;
        long lastReport = System.nanoTime();
        while (!pool.awaitTermination(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (now - hardStop >= 0) {
                progress.println("Some clients did not stop in time; interrupting them.");
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
                break;
            }
            long calls = measuredCalls.sum();
            if (now - measureStart < 0) {
                progress.printf("[%5.0f s] warming up%n", (now - start) / 1e9);
            } else {
                double seconds = (now - Math.max(lastReport, measureStart)) / 1e9;
                if (seconds < 0.5) {
                    progress.printf("[%5.0f s] measuring%n", (now - start) / 1e9);
                } else {
                    progress.printf("[%5.0f s] measuring, %.0f calls/s%n", (now - start) / 1e9,
                            (calls - lastCalls) / seconds);
                }
            }
            lastCalls = calls;
            lastReport = now;
        }
        long finished = System.nanoTime();

        FlowRecorder total = new FlowRecorder();
        int reported = 0;
        for (FlowRecorder recorder : stopped) {
            total.add(recorder);
            reported++;
        }
        if (reported < options.clients()) {
            progress.println((options.clients() - reported) + " client(s) never stopped; their calls are not counted.");
        }
        double measuredSeconds = Math.max(0, finished - measureStart) / 1e9;
        return BenchSummary.of(options, startedAt, measuredSeconds, Runtime.getRuntime().availableProcessors(), total);
    }

    private void loop(CheckoutFlow flow, FlowRecorder measured, long measureStart, long end, AtomicLong flowTickets) {
        FlowRecorder warmup = new FlowRecorder();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.nanoTime();
                if (now - end >= 0) {
                    return;
                }
                boolean measuring = now - measureStart >= 0;
                if (measuring && options.hasFlowLimit() && flowTickets.incrementAndGet() > options.maxFlows()) {
                    return;
                }
                boolean completed = flow.run(measuring ? measured : warmup, end);
                if (!completed) {
                    // A failing server answers fast; do not spin on it.
                    Thread.sleep(10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "bench-client-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
