package dev.offpay.server;

import dev.offpay.core.AccessTokens;
import dev.offpay.core.OutboxRenderer;
import dev.offpay.core.PaymentService;
import dev.offpay.core.Region;
import dev.offpay.core.Seller;
import dev.offpay.core.Store;
import dev.offpay.core.TestBuyerDirectory;
import dev.offpay.mws.MwsApi;
import dev.offpay.mws.Throttle;
import dev.offpay.store.JdbcStore;
import dev.offpay.store.PostgresStore;
import dev.offpay.store.SqliteStore;
import dev.offpay.web.AdminRoutes;
import dev.offpay.web.JsonErrors;
import dev.offpay.web.SandboxRoutes;
import dev.offpay.web.WebContext;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The composition root: wires store, payment service, wire layer and web features by hand and runs
 * them on one Javalin (Jetty) server. Used by {@code main} and by tests (port 0).
 */
public final class OffpayServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OffpayServer.class);
    private static final Logger access = LoggerFactory.getLogger("offpay.access");
    public static final String VERSION = "0.1.0";

    private final Config config;
    private final JdbcStore store;
    private final PaymentService payments;
    private final Javalin app;
    private final ScheduledExecutorService scheduler;
    private final Seller defaultSeller;
    private final boolean defaultSellerGenerated;
    private final String adminToken;
    private final boolean adminTokenGenerated;
    private final String baseUrl;
    private final Integer tlsPort;
    private final int httpPort;
    private final PrometheusMeterRegistry metrics;
    private final long startedMillis;
    private final Wiring wiring = new Wiring();

    /** Start-up phases on stderr with -Doffpay.trace.startup=true (to keep start-up under a second). */
    private static void trace(long t0, String phase) {
        if (Boolean.getBoolean("offpay.trace.startup")) System.err.println("startup +" + (System.currentTimeMillis() - t0) + " ms " + phase);
    }

    private OffpayServer(Config config) throws Exception {
        long t0 = System.currentTimeMillis();
        trace(t0, "begin");
        // Start-up is mostly class loading: load the web stack on the second core while this one
        // opens and migrates the store.
        Thread warmUp = new Thread(OffpayServer::loadWebClasses, "offpay-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        this.config = config;
        Path data = config.dataDir().toAbsolutePath();
        Files.createDirectories(data);

        AtomicReference<Store> storeRef = new AtomicReference<>();
        OutboxRenderer renderer = wiring.outboxRenderer(id -> storeRef.get().sellerById(id));
        this.store = openStore(config, data, renderer);
        storeRef.set(store);
        trace(t0, "store open and migrated");
        this.payments = new PaymentService(store, config.clock(), new SecureRandom(), config.sandboxPending(), config.livePending());

        String[] sellerOut = new String[1];
        this.defaultSellerGenerated = ensureDefaultSeller(config, data, sellerOut);
        this.defaultSeller = store.sellerById(sellerOut[0]).orElseThrow();
        String token = config.adminToken();
        boolean generated = false;
        Path tokenFile = data.resolve("admin-token");
        if (token == null) {
            if (Files.exists(tokenFile)) {
                token = Files.readString(tokenFile).trim();
            } else {
                token = AdminRoutes.randomSecret();
                Files.writeString(tokenFile, token);
                generated = true;
            }
        }
        this.adminToken = token;
        this.adminTokenGenerated = generated;

        trace(t0, "default seller");
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);

        TestBuyerDirectory testBuyers = wiring.testBuyers(store, config.clock());
        AccessTokens tokens = wiring.accessTokens(store, config.clock());
        Set<String> extraHosts = new LinkedHashSet<>();
        if (config.publicUrl() != null) {
            URI u = URI.create(config.publicUrl());
            extraHosts.add(u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort());
        }
        MwsApi mws = new MwsApi(payments, store, tokens, config.clock(),
                config.throttle() ? new Throttle(System::nanoTime) : null, extraHosts);

        trace(t0, "metrics, buyers, tokens, wire");
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.http.maxRequestSize = 1_000_000L;
            cfg.requestLogger.http(this::logRequest);
            if (config.tlsPort() != null) {
                // With a custom connector Javalin adds no default one: add the plain HTTP listener too.
                cfg.jetty.addConnector((server, httpConfig) -> {
                    ServerConnector http = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                    http.setPort(config.port());
                    return http;
                });
                cfg.jetty.addConnector((server, httpConfig) -> tlsConnector(server, data, config.tlsPort()));
            }
        });
        JsonErrors.register(app);
        for (String path : new String[]{MwsApi.SANDBOX_PATH, MwsApi.LIVE_PATH}) {
            app.post(path, ctx -> serveMws(ctx, mws));
            app.get(path, ctx -> serveMws(ctx, mws));
        }
        app.get("/health", ctx -> ctx.json(Map.of("status", "UP", "version", VERSION)));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.get("/ca.pem", ctx -> {
            LocalCa ca = new LocalCa(data);
            if (!Files.exists(ca.caPem())) {
                ctx.status(404).json(JsonErrors.body("NotFound", "no local CA yet: start Offpay with --tls-port to create one"));
                return;
            }
            ctx.contentType("application/x-pem-file").result(ca.caCertificatePem());
        });
        String publicUrl = config.publicUrl();
        WebContext web = new WebContext(payments, store, testBuyers, tokens, config.clock(),
                publicUrl == null ? null : stripSlash(publicUrl), adminToken);
        Consumer<String> afterClockAdvance = wiring.registerFeatures(app, web, config, data, store);
        SandboxRoutes.register(app, web, afterClockAdvance);
        AdminRoutes.register(app, web);

        trace(t0, "routes");
        app.start(config.port());
        trace(t0, "listening");
        this.httpPort = connectorPort(false);
        this.baseUrl = publicUrl != null ? stripSlash(publicUrl) : "http://localhost:" + httpPort;
        this.tlsPort = config.tlsPort() == null ? null : connectorPort(true);
        wiring.started(this.baseUrl);
        trace(t0, "notifier started");

        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "offpay-timers");
            t.setDaemon(true);
            return t;
        });
        long poll = config.timerPoll().toMillis();
        scheduler.scheduleWithFixedDelay(this::runTimers, poll, poll, TimeUnit.MILLISECONDS);
        this.startedMillis = System.currentTimeMillis() - t0;
    }

    private static void loadWebClasses() {
        try {
            Javalin.create(cfg -> cfg.showJavalinBanner = false);
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).close();
            new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("warm", "up"));
            javax.xml.stream.XMLOutputFactory.newInstance();
        } catch (Throwable ignored) {
            // only a head start; the real initialisation follows
        }
    }

    /** Starts Offpay; answers /health with 200 once this returns. */
    public static OffpayServer start(Config config) throws Exception {
        OffpayServer s = new OffpayServer(config);
        if (!config.quiet()) s.printBanner();
        return s;
    }

    private void runTimers() {
        try {
            payments.runDueTimers(null);
        } catch (RuntimeException e) {
            log.error("running due timers failed", e);
        }
    }

    private static JdbcStore openStore(Config config, Path data, OutboxRenderer renderer) {
        String db = config.db();
        if (db == null || db.isBlank()) return new SqliteStore(data.resolve("offpay.db"), config.durability(), renderer);
        if (db.startsWith("jdbc:postgresql:")) return new PostgresStore(db, null, null, 16, renderer);
        if (db.startsWith("jdbc:sqlite:")) return new SqliteStore(Path.of(db.substring("jdbc:sqlite:".length())), config.durability(), renderer);
        throw new IllegalArgumentException("--db must be a jdbc:postgresql: or jdbc:sqlite: URL, got " + db);
    }

    /** Creates or updates the default seller; returns true when its keys were generated now. */
    private boolean ensureDefaultSeller(Config config, Path data, String[] idOut) throws Exception {
        Path file = data.resolve("default-seller");
        Region region = config.sellerRegion() == null ? Region.US : config.sellerRegion();
        if (config.sellerId() != null || config.accessKey() != null || config.secretKey() != null) {
            if (config.sellerId() == null || config.accessKey() == null || config.secretKey() == null) {
                throw new IllegalArgumentException("set all of OFFPAY_SELLER_ID, OFFPAY_ACCESS_KEY and OFFPAY_SECRET_KEY, or none");
            }
            Seller s = store.sellerById(config.sellerId())
                    .map(x -> x.withKeys(config.accessKey(), config.secretKey()))
                    .orElse(Seller.create(config.sellerId(), config.accessKey(), config.secretKey(), region, "Offpay Test Store"));
            if (config.sellerRegion() != null || config.ipnUrl() != null) {
                s = s.withSettings(region, s.storeName(), config.ipnUrl() != null ? config.ipnUrl() : s.ipnUrlSandbox(),
                        config.ipnUrl() != null ? config.ipnUrl() : s.ipnUrlLive(), s.vatRegistered(), s.customerServiceEmail(),
                        s.customerServicePhone(), s.active());
            }
            store.saveSeller(s);
            Files.writeString(file, s.id());
            idOut[0] = s.id();
            return false;
        }
        if (Files.exists(file)) {
            String id = Files.readString(file).trim();
            if (store.sellerById(id).isPresent()) {
                Seller s = store.sellerById(id).get();
                if (config.ipnUrl() != null || config.sellerRegion() != null) {
                    s = s.withSettings(config.sellerRegion() != null ? region : s.region(), s.storeName(),
                            config.ipnUrl() != null ? config.ipnUrl() : s.ipnUrlSandbox(),
                            config.ipnUrl() != null ? config.ipnUrl() : s.ipnUrlLive(), s.vatRegistered(),
                            s.customerServiceEmail(), s.customerServicePhone(), s.active());
                    store.saveSeller(s);
                }
                idOut[0] = id;
                return false;
            }
        }
        Seller s = AdminRoutes.newSeller(region, "Offpay Test Store");
        if (config.ipnUrl() != null) {
            s = s.withSettings(region, s.storeName(), config.ipnUrl(), config.ipnUrl(), false, null, null, true);
        }
        store.saveSeller(s);
        Files.writeString(file, s.id());
        idOut[0] = s.id();
        return true;
    }

    private void serveMws(Context ctx, MwsApi mws) {
        Timer.Sample sample = Timer.start(metrics);
        Map<String, String> params;
        String query = ctx.queryString();
        if (ctx.method() == HandlerType.GET) {
            params = dev.offpay.mws.FormDecoder.decode(query);
        } else {
            params = new LinkedHashMap<>();
            if (query != null) params.putAll(dev.offpay.mws.FormDecoder.decode(query));
            params.putAll(dev.offpay.mws.FormDecoder.decode(ctx.body()));
        }
        MwsApi.Response r = mws.handle(new MwsApi.Request(ctx.method().name(), ctx.header("Host"), ctx.path(), params));
        ctx.status(r.status());
        ctx.header("x-mws-request-id", r.requestId());
        ctx.header("x-mws-timestamp", java.time.Instant.now().toString());
        ctx.contentType("text/xml");
        ctx.result(r.body());
        ctx.attribute("requestId", r.requestId());
        ctx.attribute("action", r.action());
        ctx.attribute("sellerId", r.sellerId());
        sample.stop(metrics.timer("offpay_mws_requests", "action", r.action() == null ? "none" : r.action(),
                "status", Integer.toString(r.status())));
    }

    private void logRequest(Context ctx, Float ms) {
        Object rid = ctx.attribute("requestId");
        // One line per request, on the hot path: no String.format.
        access.info("{} {} {} {}ms rid={}{}{}", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms * 10) / 10.0,
                rid == null ? "-" : rid,
                ctx.attribute("action") == null ? "" : " action=" + ctx.attribute("action"),
                ctx.attribute("sellerId") == null ? "" : " seller=" + ctx.attribute("sellerId"));
    }

    private ServerConnector tlsConnector(org.eclipse.jetty.server.Server server, Path data, int port) {
        try {
            Set<String> hosts = new LinkedHashSet<>(Set.of("localhost", "127.0.0.1"));
            if (config.publicUrl() != null) hosts.add(URI.create(config.publicUrl()).getHost());
            // Set-ups that map sns.<region>.amazonaws.com to Offpay need the certificate to name that host.
            String snsCertUrl = System.getenv("OFFPAY_SNS_CERT_URL");
            if (snsCertUrl != null && URI.create(snsCertUrl).getHost() != null) hosts.add(URI.create(snsCertUrl).getHost());
            LocalCa ca = new LocalCa(data);
            Path ks = ca.ensure(hosts);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(ks.toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(new String(LocalCa.PASSWORD));
            ssl.setSniRequired(false);
            HttpConfiguration https = new HttpConfiguration();
            SecureRequestCustomizer src = new SecureRequestCustomizer();
            src.setSniHostCheck(false);
            https.addCustomizer(src);
            ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
            c.setPort(port);
            c.setName("tls");
            return c;
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the TLS listener: " + e.getMessage(), e);
        }
    }

    /** The bound port of the HTTPS connector (tls = true) or the plain HTTP one. */
    private int connectorPort(boolean tls) {
        for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc && "tls".equals(c.getName()) == tls) return sc.getLocalPort();
        }
        throw new IllegalStateException("no " + (tls ? "HTTPS" : "HTTP") + " connector");
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private void printBanner() {
        StringBuilder b = new StringBuilder();
        b.append("Offpay ").append(VERSION).append(" ready in ").append(startedMillis).append(" ms\n");
        b.append("  listening    ").append(baseUrl);
        if (tlsPort != null) b.append("  and https://localhost:").append(tlsPort).append(" (CA: ").append(config.dataDir().resolve("tls/ca.pem")).append(")");
        b.append('\n');
        b.append("  data dir     ").append(config.dataDir().toAbsolutePath()).append('\n');
        b.append("  store        ").append(config.db() == null ? "embedded SQLite " + config.dataDir().resolve("offpay.db") : redact(config.db())).append('\n');
        b.append("  CV1 sandbox  ").append(baseUrl).append(MwsApi.SANDBOX_PATH).append('\n');
        b.append("  CV1 live     ").append(baseUrl).append(MwsApi.LIVE_PATH).append('\n');
        b.append("  seller       ").append(defaultSeller.id()).append(" (").append(defaultSeller.region()).append(")");
        if (defaultSellerGenerated) {
            b.append("\n  access key   ").append(defaultSeller.accessKey());
            b.append("\n  secret key   ").append(defaultSeller.secretKey()).append("   (generated now; kept in the data dir)");
        }
        b.append('\n');
        if (adminTokenGenerated) b.append("  admin token  ").append(adminToken).append("   (generated now; kept in ").append(config.dataDir().resolve("admin-token")).append(")\n");
        System.out.print(b);
        System.out.flush();
    }

    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    public int port() {
        return httpPort;
    }

    public Integer tlsPort() {
        return tlsPort;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Seller defaultSeller() {
        return defaultSeller;
    }

    public String adminToken() {
        return adminToken;
    }

    public PaymentService payments() {
        return payments;
    }

    public JdbcStore store() {
        return store;
    }

    public Config config() {
        return config;
    }

    /** IPN delivery and buyer e-mails of this server. */
    public dev.offpay.notify.Notifier notifier() {
        return wiring.notifier();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        wiring.stopped();
        app.stop();
        store.close();
    }
}
