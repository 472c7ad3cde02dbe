package dev.offpay.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offpay.core.DomainEvent;
import dev.offpay.core.OrderReference;
import dev.offpay.core.Seller;
import dev.offpay.core.Store;
import dev.offpay.mws.IpnXml;
import dev.offpay.store.JdbcOutbox;
import dev.offpay.store.JdbcOutbox.Attempt;
import dev.offpay.store.JdbcOutbox.Completion;
import dev.offpay.store.JdbcOutbox.Controls;
import dev.offpay.store.JdbcOutbox.Outcome;
import dev.offpay.store.JdbcOutbox.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers outbox rows: IPNs as signed SNS posts to the seller's IPN URL, buyer e-mails to the
 * seller's mailbox and, when configured, over SMTP. Delivery runs on each seller's clock: a failed
 * attempt is retried after the retry interval until the row is older than the maximum age, then it is
 * DEAD. IPNs of one order reference go out in commit order. At-least-once: a row is marked only after
 * its attempt, so a crash in between sends it again with the same NotificationReferenceId.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** How long a claim protects a row; longer than one delivery (two posts of at most HTTP_TIMEOUT each). */
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final int WORKERS = 16;
    private static final int BATCH = 256;
    private static final int MAX_OUTSTANDING = WORKERS * 8;
    private static final Duration RUN_DUE_WAIT = Duration.ofSeconds(30);
    /** At most this many outcomes are written in one transaction. */
    private static final int MAX_FLUSH = 512;
    /** runDue writes the outcomes of at most this many deliveries per transaction. */
    private static final int RUN_DUE_CHUNK = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotifierSettings settings;
    private final JdbcOutbox outbox;
    private final Store store;
    private final Clock clock;
    private final SigningCertificate certificate;
    private final String certificatePath;
    private final String signingCertUrl;
    private final String unsubscribeBase;
    private final SmtpMailer mailer;
    private final NotificationPayloads payloads;
    private final HttpClient http;
    private final String claimer;

    private final Map<String, String> inFlight = new ConcurrentHashMap<>();
    private final Object inFlightMonitor = new Object();
    private final Semaphore wake = new Semaphore(0);
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile boolean running;
    private Thread poller;
    private ExecutorService pool;

    /** Outcomes of background deliveries waiting to be written, many per transaction, by the completer thread. */
    private final LinkedBlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private volatile boolean completing;
    private Thread completer;

    /** A delivered row's outcome to write, and what to do once it is written (or could not be). */
    private record Finished(Completion completion, Runnable done) {
    }

    /** A notification with its attempts, as the delivery log shows it. */
    public record LogEntry(Row row, List<Attempt> attempts) {
    }

    public Notifier(NotifierSettings settings, JdbcOutbox outbox, Store store, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.store = store;
        this.clock = clock;
        this.certificate = SigningCertificate.loadOrCreate(settings.dataDir());
        this.certificatePath = "/sns/SimpleNotificationService-" + certificate.sha1Hex() + ".pem";
        this.signingCertUrl = settings.snsCertUrl() != null ? settings.snsCertUrl() : settings.publicUrl() + certificatePath;
        if (settings.snsCertUrl() != null) {
            URI u = URI.create(settings.snsCertUrl());
            this.unsubscribeBase = u.getScheme() + "://" + u.getRawAuthority() + "/";
        } else {
            this.unsubscribeBase = settings.publicUrl() + "/sns/";
        }
        this.mailer = settings.smtpUrl() == null ? null : new SmtpMailer(settings.smtpUrl());
        this.payloads = new NotificationPayloads(store::sellerById);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.claimer = nodeId(settings.dataDir());
    }

    // ------------------------------------------------------------------ certificate

    /** The signing certificate in PEM form. */
    public String certificatePem() {
        return certificate.pem();
    }

    /** The path under the public URL where the certificate is served, e.g. /sns/SimpleNotificationService-…pem. */
    public String certificatePath() {
        return certificatePath;
    }

    /** Every path the certificate must be served at: the own path and the path of OFFPAY_SNS_CERT_URL, if set. */
    public Set<String> certificatePaths() {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(certificatePath);
        if (settings.snsCertUrl() != null) {
            String p = URI.create(settings.snsCertUrl()).getPath();
            if (p != null && p.startsWith("/") && p.length() > 1) paths.add(p);
        }
        return paths;
    }

    /** The SigningCertURL put in every envelope. */
    public String signingCertUrl() {
        return signingCertUrl;
    }

    public java.security.cert.X509Certificate certificate() {
        return certificate.certificate();
    }

    public NotifierSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Starts the background worker; first releases claims this node held before a crash or restart. */
    public synchronized void start() {
        if (running) return;
        int released = outbox.releaseClaims(claimer);
        if (released > 0) log.info("released {} notification claims left by the previous run", released);
        running = true;
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "offpay-notify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        completing = true;
        completer = new Thread(this::completeLoop, "offpay-notify-completer");
        completer.setDaemon(true);
        completer.start();
        poller = new Thread(this::pollLoop, "offpay-notify-poller");
        poller.setDaemon(true);
        poller.start();
        log.info("IPN delivery started; signing certificate at {}{}", settings.publicUrl(), certificatePath);
    }

    /** Stops the worker after the deliveries under way; rows it had claimed but not sent are released. */
    public synchronized void stop() {
        if (!running) return;
        running = false;
        wake.release();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(5));
            pool.shutdown();
            if (!pool.awaitTermination(HTTP_TIMEOUT.toSeconds() * 2 + 5, TimeUnit.SECONDS)) pool.shutdownNow();
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // Write the outcomes of the deliveries that finished; whatever is left is written here.
        completing = false;
        try {
            completer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQueued();
        try {
            outbox.releaseClaims(claimer);
        } catch (RuntimeException e) {
            log.warn("could not release notification claims at stop (they expire after {}): {}", LEASE, e.getMessage());
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Makes the worker look for due rows now instead of at its next poll. */
    public void wake() {
        wake.release();
    }

    private void pollLoop() {
        while (running) {
            int capacity = MAX_OUTSTANDING - outstanding.get();
            int limit = Math.min(BATCH, capacity);
            List<Row> rows = List.of();
            if (limit > 0) {
                try {
                    long now = clock.millis();
                    rows = outbox.claimDue(null, now, now + LEASE.toMillis(), claimer, limit);
                } catch (RuntimeException e) {
                    log.warn("claiming due notifications failed: {}", e.toString());
                }
            }
            dispatch(rows);
            if (limit <= 0 || rows.size() < limit) {
                try {
                    wake.tryAcquire(settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Hands claimed rows to the workers, the rows of one order reference to one worker in claim order. */
    private void dispatch(List<Row> rows) {
        for (List<Row> group : byOrderReference(rows)) {
            outstanding.addAndGet(group.size());
            group.forEach(this::track);
            try {
                pool.execute(() -> {
                    for (Row r : group) {
                        Runnable done = () -> {
                            untrack(r);
                            outstanding.decrementAndGet();
                        };
                        Completion c;
                        try {
                            c = deliver(r);
                        } catch (Throwable t) {
                            done.run();
                            throw t;
                        }
                        // The row stays in flight until its outcome is committed: runDue and the
                        // per-order sequence wait for that, not for the POST.
                        submit(new Finished(c, done));
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                group.forEach(this::untrack);
                outstanding.addAndGet(-group.size());
            }
        }
    }

    private void submit(Finished f) {
        finished.add(f);
        // After stop() the completer is gone: write it here (at-least-once either way).
        if (!completing) flushQueued();
    }

    /**
     * Writes the queued outcomes: whatever accumulated while the previous transaction waited for the
     * writer goes into the next one, so under load many outcomes share a transaction and with no load
     * an outcome is written at once.
     */
    private void completeLoop() {
        List<Finished> batch = new ArrayList<>();
        while (true) {
            Finished first;
            try {
                first = finished.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (!completing) return;
                continue;
            }
            batch.add(first);
            finished.drainTo(batch, MAX_FLUSH - 1);
            try {
                write(batch, running);
            } catch (Throwable t) {
                log.error("recording notification outcomes failed", t);
            }
            batch.clear();
        }
    }

    /** Writes whatever is queued, on the calling thread. */
    private void flushQueued() {
        List<Finished> batch = new ArrayList<>();
        while (finished.drainTo(batch, MAX_FLUSH) > 0) {
            write(batch, false);
            batch.clear();
        }
    }

    /**
     * Writes the outcomes in one transaction (each row version-checked against its claim), then
     * releases their waiters and wakes the poller: a committed IPN may unblock the next one of its
     * order reference, which is then claimed without waiting for the next poll.
     */
    private void write(List<Finished> batch, boolean claimNext) {
        List<Row> next = List.of();
        try {
            List<Completion> items = batch.stream().map(Finished::completion).toList();
            List<Boolean> written;
            try {
                long now = clock.millis();
                JdbcOutbox.Completed done = outbox.completeAll(claimer, items, now, claimNext ? now + LEASE.toMillis() : 0);
                written = done.written();
                next = done.next();
            } catch (RuntimeException e) {
                // One transaction failed: record them one by one so a single bad row cannot lose the others.
                log.warn("recording {} notification outcomes in one transaction failed ({}); recording them one by one", items.size(), e.toString());
                written = new ArrayList<>(items.size());
                for (Completion c : items) {
                    boolean ok = false;
                    try {
                        ok = outbox.completeAll(claimer, List.of(c)).get(0);
                    } catch (RuntimeException e1) {
                        log.error("recording the outcome of notification {} failed; it is sent again when its claim expires",
                                c.claimed().id(), e1);
                        written.add(null);
                        continue;
                    }
                    written.add(ok);
                }
            }
            for (int i = 0; i < items.size(); i++) report(items.get(i), written.get(i));
        } finally {
            // The IPNs these outcomes unblocked were claimed in the same transaction: send them now. They are
            // tracked before the finished rows are released, so runDue never sees a gap between the two.
            if (!next.isEmpty()) dispatch(next);
            for (Finished f : batch) {
                try {
                    f.done().run();
                } catch (RuntimeException e) {
                    log.warn("notification bookkeeping failed", e);
                }
            }
            wake.release();
        }
    }

    /** Rows of one order reference stay together, in claim order, so they are sent one after the other. */
    private static List<List<Row>> byOrderReference(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) groups.computeIfAbsent(r.orderReferenceId(), k -> new ArrayList<>()).add(r);
        return new ArrayList<>(groups.values());
    }

    private void track(Row r) {
        inFlight.put(r.id(), r.sellerId());
    }

    private void untrack(Row r) {
        inFlight.remove(r.id());
        synchronized (inFlightMonitor) {
            inFlightMonitor.notifyAll();
        }
    }

    /**
     * Delivers, now and on this thread, everything of the seller that is due on its clock, including
     * what becomes due as earlier notifications are delivered; waits for deliveries of that seller the
     * background worker has under way. Returns how many rows were processed.
     */
    public int runDue(String sellerId) {
        int processed = 0;
        // Bounded so that a bug can never spin forever; a real backlog is worked off by later calls.
        for (int round = 0; round < 10_000; round++) {
            long now = clock.millis();
            List<Row> rows = outbox.claimDue(sellerId, now, now + LEASE.toMillis(), claimer, BATCH);
            if (rows.isEmpty()) {
                if (!awaitInFlight(sellerId)) break;
                continue;
            }
            // Outcomes are written in one transaction per chunk; the next claim (which may unblock later
            // IPNs of the same order references) and the return happen only after they are committed.
            for (int from = 0; from < rows.size(); from += RUN_DUE_CHUNK) {
                List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + RUN_DUE_CHUNK));
                List<Finished> done = new ArrayList<>(chunk.size());
                try {
                    for (Row r : chunk) {
                        track(r);
                        done.add(new Finished(deliver(r), () -> untrack(r)));
                        processed++;
                    }
                } finally {
                    Set<Row> pending = new LinkedHashSet<>(chunk);
                    done.forEach(f -> pending.remove(f.completion().claimed()));
                    pending.forEach(this::untrack);
                    write(done, false);
                }
            }
        }
        return processed;
    }

    /** Waits until no delivery of the seller is under way here; true when there was one to wait for. */
    private boolean awaitInFlight(String sellerId) {
        long deadline = System.nanoTime() + RUN_DUE_WAIT.toNanos();
        boolean waited = false;
        synchronized (inFlightMonitor) {
            while (inFlight.containsValue(sellerId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                waited = true;
                try {
                    TimeUnit.NANOSECONDS.timedWait(inFlightMonitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return waited;
    }

    // ------------------------------------------------------------------ delivery

    /** Delivers one claimed row and returns what to record; the caller writes it (after the POST, never before). */
    private Completion deliver(Row r) {
        Seller seller = null;
        long now = clock.millis();
        try {
            seller = store.sellerById(r.sellerId()).orElse(null);
            now = seller == null ? clock.millis() : sellerNow(seller);
            if (seller == null) {
                return finish(r, new Outcome(JdbcOutbox.DEAD, 0, now, null, "the seller no longer exists", null), List.of());
            } else if (r.isEmail()) {
                return deliverEmail(r, seller, now);
            } else {
                return deliverIpn(r, seller, now);
            }
        } catch (RuntimeException e) {
            // A bug or a broken payload must not lose the row: record it and retry on the schedule.
            log.error("delivering notification {} ({}) failed", r.id(), r.eventType(), e);
            String error = "internal error: " + e;
            return finish(r, failure(r, now, null, error), List.of(new Attempt(r.id(), r.attempts() + 1, "DELIVERY", now, null, null, null, 0, error)));
        }
    }

    private long sellerNow(Seller seller) {
        return clock.millis() + seller.clockOffsetMillis();
    }

    private Completion deliverIpn(Row r, Seller seller, long now) {
        String url = seller.ipnUrl(r.environment());
        if (url == null || url.isBlank()) {
            return finish(r, new Outcome(JdbcOutbox.NO_ENDPOINT, 0, now, null,
                    "the seller has no " + r.environment().wireName() + " IPN URL", null), List.of());
        }
        SnsEnvelope envelope = envelope(r, seller);
        int number = r.attempts() + 1;
        List<Attempt> attempts = new ArrayList<>();
        // Faults are looked up on a reader; only a seller with faults set pays a write transaction to consume one.
        Optional<Integer> injected = outbox.controls(seller.id()).failNext() > 0 ? outbox.takeFailure(seller.id()) : Optional.empty();
        if (injected.isPresent()) {
            String error = "injected failure (failNext); the receiver was not contacted";
            attempts.add(new Attempt(r.id(), number, "INJECTED_FAILURE", now, envelope.messageId(), url, injected.get(), 0, error));
            return finish(r, failure(r, now, injected.get(), error), attempts);
        }
        Post p = post(url, envelope);
        attempts.add(new Attempt(r.id(), number, "DELIVERY", now, envelope.messageId(), url, p.status, p.latencyMs, p.error));
        if (p.delivered() && outbox.controls(seller.id()).duplicateNext() > 0 && outbox.takeDuplicate(seller.id())) {
            Post d = post(url, envelope);
            attempts.add(new Attempt(r.id(), number, "DUPLICATE", now, envelope.messageId(), url, d.status, d.latencyMs, d.error));
        }
        return finish(r, p.delivered() ? new Outcome(JdbcOutbox.DELIVERED, 1, now, p.status, null, now) : failure(r, now, p.status, p.error), attempts);
    }

    /** The signed envelope of an IPN row; identical for every attempt of the row. */
    public SnsEnvelope envelope(Row r, Seller seller) {
        DomainEvent.Type type = DomainEvent.Type.valueOf(r.eventType());
        String xml = r.payload() != null ? r.payload() : IpnXml.notificationData(current(r), new DomainEvent(type, r.objectId(),
                Instant.ofEpochMilli(r.createdMs())));
        return SnsEnvelope.build(new SnsEnvelope.Content(r.id(), IpnXml.notificationType(type), seller.id(), seller.region(),
                r.environment(), Instant.ofEpochMilli(r.createdMs()), xml), certificate, signingCertUrl, unsubscribeBase);
    }

    /** The order reference now, for rows written without a payload (a store opened without a renderer). */
    private OrderReference current(Row r) {
        return store.orderReference(r.sellerId(), r.environment(), r.orderReferenceId())
                .orElseThrow(() -> new IllegalStateException("order reference " + r.orderReferenceId() + " not found"));
    }

    private record Post(Integer status, long latencyMs, String error) {
        boolean delivered() {
            // As Amazon documents it: the endpoint answers 200; anything else is retried.
            return status != null && status == 200;
        }
    }

    private Post post(String url, SnsEnvelope envelope) {
        long t0 = System.nanoTime();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(envelope.body(), StandardCharsets.UTF_8));
            envelope.headers().forEach(b::header);
            HttpResponse<Void> resp = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
            int status = resp.statusCode();
            return new Post(status, elapsedMs(t0), status == 200 ? null : "HTTP " + status + " (expected 200)");
        } catch (IOException e) {
            return new Post(null, elapsedMs(t0), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            return new Post(null, elapsedMs(t0), "the IPN URL \"" + url + "\" is not a valid http(s) URL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Post(null, elapsedMs(t0), "interrupted while sending");
        }
    }

    private static long elapsedMs(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private Completion deliverEmail(Row r, Seller seller, long now) {
        BuyerEmail mail = r.payload() != null ? BuyerEmail.fromJson(r.payload())
                : BuyerEmail.render(current(r), new DomainEvent(DomainEvent.Type.valueOf(r.eventType()), r.objectId(),
                Instant.ofEpochMilli(r.createdMs())), seller);
        String initial = mail.to() == null ? "NO_RECIPIENT" : mailer == null ? "NOT_CONFIGURED" : "PENDING";
        // The row id is the key: a retry or a restart finds the stored e-mail instead of adding another.
        JdbcOutbox.Mail toStore = new JdbcOutbox.Mail(r.id(), r.sellerId(), r.environment(), r.orderReferenceId(), r.objectId(), r.eventType(),
                r.createdMs(), r.seq(), mail.to(), mail.subject(), mail.text(), json(mail.fields()), initial, null);
        Outcome delivered = new Outcome(JdbcOutbox.DELIVERED, 1, now, null, null, now);
        if (mailer == null || mail.to() == null) {
            // Nothing to send: the mailbox row is stored in the transaction of the outcome. Without SMTP, an
            // e-mail a previous run left PENDING or FAILED becomes NOT_CONFIGURED.
            return new Completion(r, delivered, List.of(new Attempt(r.id(), r.attempts() + 1, "MAILBOX", now, null, null, null, 0, null)),
                    toStore, mailer == null ? "NOT_CONFIGURED" : null, null, true);
        }
        outbox.insertMail(toStore);
        JdbcOutbox.Mail stored = outbox.mail(r.id()).orElseThrow();
        boolean smtpDue = "PENDING".equals(stored.smtpStatus()) || "FAILED".equals(stored.smtpStatus());
        if (!smtpDue) {
            return finish(r, delivered, List.of(new Attempt(r.id(), r.attempts() + 1, "MAILBOX", now, null, null, null, 0, null)));
        }
        long t0 = System.nanoTime();
        try {
            mailer.send(r.id(), mail.to(), mail.toName(), mail.subject(), mail.text());
            // Recorded at once (not with the outcome) so that a worker that takes the row over does not send it again.
            outbox.markMail(r.id(), "SENT", null);
            return finish(r, delivered,
                    List.of(new Attempt(r.id(), r.attempts() + 1, "SMTP", now, "<" + r.id() + "@offpay>", mailer.toString(), null, elapsedMs(t0), null)));
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            String error = "SMTP: " + e.getMessage();
            outbox.markMail(r.id(), "FAILED", error);
            return finish(r, failure(r, now, null, error),
                    List.of(new Attempt(r.id(), r.attempts() + 1, "SMTP", now, "<" + r.id() + "@offpay>", mailer.toString(), null, elapsedMs(t0), error)));
        }
    }

    /** A failed attempt: retry after the interval, or DEAD when the next try would be past the maximum age. */
    private Outcome failure(Row r, long now, Integer status, String error) {
        long next = now + settings.retrySchedule().toMillis();
        boolean dead = next > r.createdMs() + settings.maxAge().toMillis();
        return new Outcome(dead ? JdbcOutbox.DEAD : JdbcOutbox.PENDING, 1, dead ? now : next, status, error, null);
    }

    private static Completion finish(Row r, Outcome outcome, List<Attempt> attempts) {
        return new Completion(r, outcome, attempts);
    }

    /** Logs a written (true), lost (false: the claim was taken over) or failed (null) outcome. */
    private void report(Completion c, Boolean written) {
        Row r = c.claimed();
        Outcome outcome = c.outcome();
        if (written == null) return;
        if (!written) {
            log.warn("notification {} was taken over by another worker before its outcome ({}) was recorded", r.id(), outcome.status());
        } else if (JdbcOutbox.DEAD.equals(outcome.status())) {
            log.warn("notification {} ({}) of seller {} is DEAD after {} attempts: {}", r.id(), r.eventType(), r.sellerId(),
                    r.attempts() + outcome.countedAttempts(), outcome.lastError());
        }
    }

    // ------------------------------------------------------------------ delivery log and controls

    /** The seller's IPNs (emails=false) or e-mail rows (emails=true), oldest first, with their attempts. */
    public List<LogEntry> log(String sellerId, String orderReferenceId, String status, boolean emails, int limit) {
        List<Row> rows = outbox.rows(sellerId, orderReferenceId, status, emails, limit);
        Map<String, List<Attempt>> attempts = outbox.attempts(rows.stream().map(Row::id).toList());
        return rows.stream().map(r -> new LogEntry(r, attempts.getOrDefault(r.id(), List.of()))).toList();
    }

    /** One row of the seller with its attempts. */
    public Optional<LogEntry> entry(String sellerId, String id) {
        return outbox.row(sellerId, id).map(r -> new LogEntry(r, outbox.attempts(List.of(r.id())).getOrDefault(r.id(), List.of())));
    }

    /** Sends a row again now (whatever its status), synchronously; empty when the seller has no such row. */
    public Optional<LogEntry> resend(Seller seller, String id) {
        if (!outbox.resend(seller.id(), id, sellerNow(seller))) return Optional.empty();
        runDue(seller.id());
        return entry(seller.id(), id);
    }

    public Controls controls(String sellerId) {
        return outbox.controls(sellerId);
    }

    /** Stops IPN delivery of the seller (rows keep accumulating); e-mails are not affected. */
    public Controls pause(String sellerId) {
        Controls c = outbox.controls(sellerId);
        Controls p = new Controls(sellerId, true, c.failNext(), c.failStatus(), c.duplicateNext(), c.delayMs(), c.reorderNext());
        outbox.saveControls(p);
        return p;
    }

    /** Resumes IPN delivery and delivers what is due before returning. */
    public Controls resume(String sellerId) {
        Controls c = outbox.controls(sellerId);
        Controls p = new Controls(sellerId, false, c.failNext(), c.failStatus(), c.duplicateNext(), c.delayMs(), c.reorderNext());
        outbox.saveControls(p);
        runDue(sellerId);
        return outbox.controls(sellerId);
    }

    /** Replaces the seller's injected faults (pause state kept). */
    public Controls setFaults(String sellerId, int failNext, int failStatus, int duplicateNext, Duration delay, int reorderNext) {
        if (failNext < 0 || duplicateNext < 0 || reorderNext < 0) throw new IllegalArgumentException("fault counts must not be negative");
        if (failStatus < 100 || failStatus > 599) throw new IllegalArgumentException("failStatus must be an HTTP status code, got " + failStatus);
        if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative");
        Controls c = outbox.controls(sellerId);
        Controls f = new Controls(sellerId, c.paused(), failNext, failStatus, duplicateNext, delay.toMillis(), reorderNext);
        outbox.saveControls(f);
        return f;
    }

    /** The seller's stored buyer e-mails, oldest first. */
    public List<JdbcOutbox.Mail> mailbox(String sellerId, String orderReferenceId, String to, int limit) {
        return outbox.mailbox(sellerId, orderReferenceId, to, limit);
    }

    /** The time on the seller's clock. */
    public Instant now(Seller seller) {
        return Instant.ofEpochMilli(sellerNow(seller));
    }

    // ------------------------------------------------------------------ helpers

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stable id of this node, kept in the data directory, so a restarted node recognises its own claims. */
    private static String nodeId(Path dataDir) {
        Path f = dataDir.resolve("notifier-node-id");
        try {
            if (Files.isRegularFile(f)) {
                String id = Files.readString(f).trim();
                if (!id.isEmpty()) return id;
            }
            String id = "node-" + UUID.randomUUID();
            Files.createDirectories(dataDir);
            Files.writeString(f, id + "\n");
            return id;
        } catch (IOException e) {
            log.warn("cannot keep the notifier node id in {}: {}; claims of a crashed run expire after {}", dataDir, e.getMessage(), LEASE);
            return "node-" + UUID.randomUUID();
        }
    }
}
