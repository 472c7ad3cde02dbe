package dev.offpay.mws;

import dev.offpay.core.Environment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Amazon's request quotas (spec §10): a token bucket per seller, environment and operation. Off by
 * default; tests and users switch it on to see RequestThrottled as Amazon would send it.
 */
public final class Throttle {
    private record Quota(int size, double perSecond) {
    }

    private static final class Bucket {
        private final Quota quota;
        private double tokens;
        private long last;

        Bucket(Quota quota, long now) {
            this.quota = quota;
            this.tokens = quota.size;
            this.last = now;
        }

        synchronized boolean take(long now) {
            tokens = Math.min(quota.size, tokens + (now - last) / 1e9 * quota.perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier nanoTime;

    public Throttle(java.util.function.LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** False when this call exceeds the quota. */
    public boolean allow(String sellerId, Environment env, String action) {
        Quota q = quota(action, env);
        long now = nanoTime.getAsLong();
        return buckets.computeIfAbsent(sellerId + '|' + env + '|' + action, k -> new Bucket(q, now)).take(now);
    }

    static Quota quota(String action, Environment env) {
        boolean live = env == Environment.LIVE;
        return switch (action) {
            case "GetOrderReferenceDetails", "GetAuthorizationDetails", "GetCaptureDetails", "GetRefundDetails",
                 "GetBillingAgreementDetails" -> live ? new Quota(20, 2) : new Quota(5, 1);
            case "GetServiceStatus" -> new Quota(2, 1.0 / 300);
            default -> live ? new Quota(10, 1) : new Quota(2, 0.5);
        };
    }
}
