package dev.offpay.server;

import dev.offpay.core.Region;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The command line: {@code offpay serve} and {@code offpay ca-cert}. */
@Command(name = "offpay", mixinStandardHelpOptions = true, version = "Offpay " + OffpayServer.VERSION,
        description = "A self-hosted, wire-compatible Amazon Pay (Checkout v1) payment service and sandbox.",
        subcommands = {Main.Serve.class, Main.CaCert.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Options shared by the subcommands. */
    static class Common {
        @Option(names = "--data", description = "Data directory (env OFFPAY_DATA, default ./offpay-data)")
        Path data;
    }

    @Command(name = "serve", description = "Start the server (embedded store unless --db is given).", mixinStandardHelpOptions = true)
    static final class Serve extends Common implements Callable<Integer> {
        @Option(names = "--port", description = "HTTP port (env OFFPAY_PORT, default 8080; 0 = any free port)")
        Integer port;
        @Option(names = "--db", description = "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres (env OFFPAY_DB; default: embedded SQLite in the data dir)")
        String db;
        @Option(names = "--public-url", description = "Base URL clients see (env OFFPAY_PUBLIC_URL)")
        String publicUrl;
        @Option(names = "--tls-port", description = "Also listen with HTTPS on this port, with a certificate from a local CA kept in <data>/tls (env OFFPAY_TLS_PORT)")
        Integer tlsPort;
        @Option(names = "--region", description = "Region of a generated default seller: US, UK, DE, JP (env OFFPAY_SELLER_REGION)")
        String region;
        @Option(names = "--throttle", description = "Enforce Amazon's request quotas (RequestThrottled, 503) (env OFFPAY_THROTTLE)")
        Boolean throttle;
        @Option(names = "--exit-when-ready", hidden = true, description = "Start, then stop at once (used to record the class-data archive)")
        boolean exitWhenReady;

        @Override
        public Integer call() throws Exception {
            Config.Builder b = Config.fromEnv(System.getenv());
            if (data != null) b.dataDir(data);
            if (port != null) b.port(port);
            if (db != null) b.db(db);
            if (publicUrl != null) b.publicUrl(publicUrl);
            if (tlsPort != null) b.tlsPort(tlsPort);
            if (throttle != null) b.throttle(throttle);
            if (region != null) {
                Region r = Region.parse(region);
                if (r == null) throw new CommandLine.ParameterException(new CommandLine(this), "--region must be US, UK, DE or JP");
                b.sellerRegion(r);
            }
            Config config = b.build();
            System.setProperty("offpay.logdir", config.dataDir().resolve("logs").toAbsolutePath().toString());
            OffpayServer server = OffpayServer.start(config);
            if (exitWhenReady) {
                server.close();
                return 0;
            }
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stop.countDown();
            }, "offpay-shutdown"));
            stop.await();
            return 0;
        }
    }

    @Command(name = "ca-cert", description = "Print the local CA certificate (PEM) that signs the HTTPS listener's certificate.", mixinStandardHelpOptions = true)
    static final class CaCert extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Path dir = data != null ? data : Path.of(System.getenv().getOrDefault("OFFPAY_DATA", "offpay-data"));
            LocalCa ca = new LocalCa(dir);
            if (!Files.exists(ca.caPem())) {
                System.err.println("No local CA in " + dir + "/tls yet: start the server once with --tls-port to create it.");
                return 1;
            }
            System.out.print(ca.caCertificatePem());
            return 0;
        }
    }
}
