package dev.offpay.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Configuration of IPN and buyer e-mail delivery.
 *
 * @param dataDir       where the SNS signing key and certificate are kept (created on first start)
 * @param publicUrl     base URL clients see, without trailing slash; the certificate is served under it
 * @param snsCertUrl    SigningCertURL to advertise instead of the served one (null: the served one)
 * @param smtpUrl       smtp://[user[:password]@]host[:port][?from=..&starttls=true] or smtps://…; null: mailbox only
 * @param retrySchedule wait between failed attempts, on the seller's clock
 * @param maxAge        a notification still undelivered this long after it was written is DEAD
 * @param pollInterval  how often the background worker looks for due rows
 */
public record NotifierSettings(Path dataDir, String publicUrl, String snsCertUrl, String smtpUrl, Duration retrySchedule,
                               Duration maxAge, Duration pollInterval) {

    public static final Duration DEFAULT_RETRY = Duration.ofHours(1);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(14);
    public static final Duration DEFAULT_POLL = Duration.ofMillis(20);

    public NotifierSettings {
        if (dataDir == null) throw new IllegalArgumentException("dataDir is required");
        if (publicUrl == null || publicUrl.isBlank()) throw new IllegalArgumentException("publicUrl is required");
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        snsCertUrl = blankToNull(snsCertUrl);
        smtpUrl = blankToNull(smtpUrl);
        retrySchedule = retrySchedule == null ? DEFAULT_RETRY : retrySchedule;
        maxAge = maxAge == null ? DEFAULT_MAX_AGE : maxAge;
        pollInterval = pollInterval == null ? DEFAULT_POLL : pollInterval;
        // A zero retry interval would make a failing row due again at once, forever.
        if (retrySchedule.isNegative() || retrySchedule.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("OFFPAY_IPN_RETRY must be at least PT1S, got " + retrySchedule);
        }
        if (maxAge.isNegative()) throw new IllegalArgumentException("OFFPAY_IPN_MAX_AGE must not be negative, got " + maxAge);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, got " + pollInterval);
        }
    }

    /** Defaults: served certificate, no SMTP, hourly retries for 14 days. */
    public static NotifierSettings defaults(Path dataDir, String publicUrl) {
        return new NotifierSettings(dataDir, publicUrl, null, null, null, null, null);
    }

    /**
     * Reads OFFPAY_SNS_CERT_URL, OFFPAY_SMTP_URL, OFFPAY_IPN_RETRY (ISO-8601 duration, default PT1H),
     * OFFPAY_IPN_MAX_AGE (default P14D) and OFFPAY_IPN_POLL (default PT0.02S).
     */
    public static NotifierSettings fromEnv(Path dataDir, String publicUrl) {
        return fromEnv(dataDir, publicUrl, System.getenv());
    }

    /** As {@link #fromEnv(Path, String)}, from the given variables. */
    public static NotifierSettings fromEnv(Path dataDir, String publicUrl, Map<String, String> env) {
        return new NotifierSettings(dataDir, publicUrl, env.get("OFFPAY_SNS_CERT_URL"), env.get("OFFPAY_SMTP_URL"),
                duration(env, "OFFPAY_IPN_RETRY", DEFAULT_RETRY), duration(env, "OFFPAY_IPN_MAX_AGE", DEFAULT_MAX_AGE),
                duration(env, "OFFPAY_IPN_POLL", DEFAULT_POLL));
    }

    public NotifierSettings withSmtpUrl(String url) {
        return new NotifierSettings(dataDir, publicUrl, snsCertUrl, url, retrySchedule, maxAge, pollInterval);
    }

    public NotifierSettings withSnsCertUrl(String url) {
        return new NotifierSettings(dataDir, publicUrl, url, smtpUrl, retrySchedule, maxAge, pollInterval);
    }

    public NotifierSettings withRetry(Duration retry, Duration age) {
        return new NotifierSettings(dataDir, publicUrl, snsCertUrl, smtpUrl, retry, age, pollInterval);
    }

    private static Duration duration(Map<String, String> env, String name, Duration dflt) {
        String v = blankToNull(env.get(name));
        if (v == null) return dflt;
        try {
            return Duration.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " \"" + v + "\" is not an ISO-8601 duration; expected e.g. PT1H or P14D");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
