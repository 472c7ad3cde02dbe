package dev.offpay.server;

import dev.offpay.core.Region;
import dev.offpay.store.SqliteStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything Offpay is configured with. Defaults follow the contracts of architecture.md; {@link #fromEnv}
 * reads the OFFPAY_* variables, and command-line flags override them.
 */
public record Config(int port, Path dataDir, String db, String publicUrl, Integer tlsPort, String adminToken,
                     String sellerId, String accessKey, String secretKey, Region sellerRegion, String ipnUrl,
                     Duration sandboxPending, Duration livePending, boolean throttle, SqliteStore.Durability durability,
                     Duration timerPoll, Clock clock, boolean quiet) {

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults overridden by OFFPAY_* environment variables. */
    public static Builder fromEnv(Map<String, String> env) {
        Builder b = new Builder();
        if (env.get("OFFPAY_PORT") != null) b.port(Integer.parseInt(env.get("OFFPAY_PORT")));
        if (env.get("OFFPAY_DATA") != null) b.dataDir(Path.of(env.get("OFFPAY_DATA")));
        b.db = env.get("OFFPAY_DB");
        b.publicUrl = env.get("OFFPAY_PUBLIC_URL");
        if (env.get("OFFPAY_TLS_PORT") != null) b.tlsPort = Integer.parseInt(env.get("OFFPAY_TLS_PORT"));
        b.adminToken = env.get("OFFPAY_ADMIN_TOKEN");
        b.sellerId = env.get("OFFPAY_SELLER_ID");
        b.accessKey = env.get("OFFPAY_ACCESS_KEY");
        b.secretKey = env.get("OFFPAY_SECRET_KEY");
        if (env.get("OFFPAY_SELLER_REGION") != null) {
            Region r = Region.parse(env.get("OFFPAY_SELLER_REGION"));
            if (r == null) throw new IllegalArgumentException("OFFPAY_SELLER_REGION must be US, UK, DE or JP");
            b.sellerRegion = r;
        }
        b.ipnUrl = env.get("OFFPAY_IPN_URL");
        if (env.get("OFFPAY_SANDBOX_PENDING") != null) b.sandboxPending = Duration.parse(env.get("OFFPAY_SANDBOX_PENDING"));
        if (env.get("OFFPAY_LIVE_PENDING") != null) b.livePending = Duration.parse(env.get("OFFPAY_LIVE_PENDING"));
        if (env.get("OFFPAY_THROTTLE") != null) b.throttle = Boolean.parseBoolean(env.get("OFFPAY_THROTTLE"));
        if (env.get("OFFPAY_DURABILITY") != null) b.durability = SqliteStore.Durability.valueOf(env.get("OFFPAY_DURABILITY").toUpperCase());
        return b;
    }

    /** Builds a Config; unset values take the documented defaults. */
    public static final class Builder {
        int port = 8080;
        Path dataDir = Path.of("offpay-data");
        String db;
        String publicUrl;
        Integer tlsPort;
        String adminToken;
        String sellerId;
        String accessKey;
        String secretKey;
        Region sellerRegion;
        String ipnUrl;
        Duration sandboxPending = Duration.ofSeconds(30);
        Duration livePending = Duration.ofSeconds(30);
        boolean throttle;
        SqliteStore.Durability durability = SqliteStore.Durability.FULL;
        Duration timerPoll = Duration.ofMillis(250);
        Clock clock = Clock.systemUTC();
        boolean quiet;

        public Builder port(int v) { port = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder db(String v) { db = v; return this; }
        public Builder publicUrl(String v) { publicUrl = v; return this; }
        public Builder tlsPort(Integer v) { tlsPort = v; return this; }
        public Builder adminToken(String v) { adminToken = v; return this; }
        public Builder seller(String id, String access, String secret) { sellerId = id; accessKey = access; secretKey = secret; return this; }
        public Builder sellerRegion(Region v) { sellerRegion = v; return this; }
        public Builder ipnUrl(String v) { ipnUrl = v; return this; }
        public Builder sandboxPending(Duration v) { sandboxPending = v; return this; }
        public Builder livePending(Duration v) { livePending = v; return this; }
        public Builder throttle(boolean v) { throttle = v; return this; }
        public Builder durability(SqliteStore.Durability v) { durability = v; return this; }
        public Builder timerPoll(Duration v) { timerPoll = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder quiet(boolean v) { quiet = v; return this; }

        public Config build() {
            return new Config(port, dataDir, db, publicUrl, tlsPort, adminToken, sellerId, accessKey, secretKey, sellerRegion,
                    ipnUrl, sandboxPending, livePending, throttle, durability, timerPoll, clock, quiet);
        }
    }
}
