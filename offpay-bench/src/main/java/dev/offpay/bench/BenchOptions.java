package dev.offpay.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The bench's command line; credentials fall back to the server's OFFPAY_* environment variables. */
public record BenchOptions(
        URI url,
        String sellerId,
        String accessKey,
        String secretKey,
        int clients,
        int durationSeconds,
        int warmupSeconds,
        long maxFlows,
        int timeoutSeconds,
        String currency,
        Path jsonFile,
        boolean help) {

    /** Usage text printed by {@code --help} and after a bad option. */
    public static final String USAGE = String.join("\n",
            "Usage: java -jar offpay-bench.jar [options]",
            "  --url URL           Offpay base URL (default http://127.0.0.1:8080); nothing else is contacted",
            "  --seller ID         seller id (default $OFFPAY_SELLER_ID)",
            "  --access-key KEY    access key (default $OFFPAY_ACCESS_KEY)",
            "  --secret-key KEY    secret key (default $OFFPAY_SECRET_KEY)",
            "  --clients N         concurrent virtual clients, one platform thread each (default 64)",
            "  --duration S        measured seconds (default 30)",
            "  --warmup S          unmeasured seconds before that (default 5)",
            "  --flows N           start at most N measured flows, then stop (default: no limit)",
            "  --timeout S         per-call response timeout (default 10)",
            "  --currency CODE     order currency, matching the seller's region (default USD)",
            "  --json FILE         also write the summary as JSON",
            "  --help              this text");

    private static final Set<String> KNOWN = Set.of("url", "seller", "access-key", "secret-key", "clients",
            "duration", "warmup", "flows", "timeout", "currency", "json");

    /** Parses {@code --name value} and {@code --name=value}; throws {@link IllegalArgumentException} on bad input. */
    public static BenchOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> given = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument \"" + arg + "\"; options look like --clients 64");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name);
            }
            given.put(name, value);
        }

        URI url = URI.create(stripTrailingSlash(given.getOrDefault("url", "http://127.0.0.1:8080")));
        if (url.getScheme() == null || url.getHost() == null
                || !Set.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--url must be an http:// or https:// URL, was \"" + url + "\"");
        }
        String seller = given.getOrDefault("seller", env.get("OFFPAY_SELLER_ID"));
        String accessKey = given.getOrDefault("access-key", env.get("OFFPAY_ACCESS_KEY"));
        String secretKey = given.getOrDefault("secret-key", env.get("OFFPAY_SECRET_KEY"));
        if (!help) {
            require(seller, "--seller (or OFFPAY_SELLER_ID)");
            require(accessKey, "--access-key (or OFFPAY_ACCESS_KEY)");
            require(secretKey, "--secret-key (or OFFPAY_SECRET_KEY)");
        }
        int clients = intOption(given, "clients", 64, 1);
        int duration = intOption(given, "duration", 30, 1);
        int warmup = intOption(given, "warmup", 5, 0);
        long flows = given.containsKey("flows") ? intOption(given, "flows", 0, 1) : 0;
        int timeout = intOption(given, "timeout", 10, 1);
        String currency = given.getOrDefault("currency", "USD").toUpperCase(Locale.ROOT);
        Path json = given.containsKey("json") ? Path.of(given.get("json")) : null;
        return new BenchOptions(url, seller, accessKey, secretKey, clients, duration, warmup, flows, timeout,
                currency, json, help);
    }

    /** Whether the run stops after a number of measured flows (as well as after the duration). */
    public boolean hasFlowLimit() {
        return maxFlows > 0;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void require(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Missing " + what
                    + "; ./offpay serve prints the default seller's id and keys");
        }
    }

    private static int intOption(Map<String, String> given, String name, int fallback, int minimum) {
        String text = given.get(name);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " \"" + text + "\" is not a whole number");
        }
        if (value < minimum) {
            throw new IllegalArgumentException("--" + name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        // Never print the secret key.
        return "BenchOptions{url=" + url + ", seller=" + sellerId + ", clients=" + clients + ", duration="
                + durationSeconds + "s, warmup=" + warmupSeconds + "s, flows=" + (maxFlows > 0 ? maxFlows : "unlimited")
                + ", currency=" + currency + "}";
    }
}
