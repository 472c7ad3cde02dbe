package dev.offpay.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies an Amazon Pay IPN (an SNS HTTP notification, SignatureVersion 1) against one trusted
 * signing certificate configured up front, such as the one Offpay serves. Nothing is fetched from
 * the SigningCertURL: trust comes from the configured certificate alone.
 *
 * <pre>
 * IpnVerifier v = IpnVerifier.fromPem(Files.readString(Path.of("offpay-sns.pem")));
 * IpnVerifier.Notification n = v.verify(headers, body);   // throws IpnVerifier.RejectedException
 * </pre>
 */
public final class IpnVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] REQUIRED = {"Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature"};

    private final X509Certificate trusted;
    private final Clock clock;
    private final Duration maxAge;

    /** Why a notification was rejected. */
    public enum Reason {
        /** The body is not a JSON object. */
        MALFORMED_BODY,
        /** A required envelope field is missing or is not a JSON string. */
        MISSING_FIELD,
        /** The envelope Type (or the x-amz-sns-message-type header) is not "Notification". */
        WRONG_TYPE,
        /** SignatureVersion is not "1". */
        UNSUPPORTED_SIGNATURE_VERSION,
        /** The trusted certificate is not valid at the verifier's clock. */
        CERTIFICATE_NOT_VALID,
        /** The signature does not verify with the trusted certificate. */
        BAD_SIGNATURE,
        /** The Timestamp is unreadable or older than the configured maximum age. */
        STALE,
        /** The Message is not the inner JSON object of an IPN. */
        MALFORMED_MESSAGE
    }

    /** A notification that failed verification, with the reason. */
    public static final class RejectedException extends Exception {
        private final Reason reason;

        public RejectedException(Reason reason, String message) {
            super(reason + ": " + message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /**
     * A verified IPN.
     *
     * @param envelope the SNS envelope fields (all strings)
     * @param message  the inner Message fields (NotificationReferenceId, NotificationType, SellerId, NotificationData, …) as text
     */
    public record Notification(Map<String, String> envelope, Map<String, String> message) {
        public String notificationReferenceId() {
            return message.get("NotificationReferenceId");
        }

        public String notificationType() {
            return message.get("NotificationType");
        }

        public String sellerId() {
            return message.get("SellerId");
        }

        /** The NotificationData XML document. */
        public String notificationData() {
            return message.get("NotificationData");
        }

        public String messageId() {
            return envelope.get("MessageId");
        }
    }

    /** Trusts {@code certificate}; checks its validity on the system clock; no age limit. */
    public IpnVerifier(X509Certificate certificate) {
        this(certificate, Clock.systemUTC(), null);
    }

    /**
     * @param clock  the time at which the certificate must be valid and the Timestamp young enough
     * @param maxAge reject notifications whose Timestamp is older than this (null: no limit; retried IPNs keep their first Timestamp)
     */
    public IpnVerifier(X509Certificate certificate, Clock clock, Duration maxAge) {
        this.trusted = Objects.requireNonNull(certificate, "certificate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = maxAge;
    }

    /** Trusts the certificate in {@code pem} (as served at Offpay's SigningCertURL). */
    public static IpnVerifier fromPem(String pem) {
        return new IpnVerifier(parseCertificate(pem));
    }

    /** Parses one PEM or DER X.509 certificate. */
    public static X509Certificate parseCertificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies the body and the {@code x-amz-sns-message-type} header (looked up case-insensitively;
     * when absent only the body is checked).
     */
    public Notification verify(Map<String, String> headers, String body) throws RejectedException {
        if (headers != null) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if ("x-amz-sns-message-type".equalsIgnoreCase(h.getKey()) && !"Notification".equals(h.getValue())) {
                    throw new RejectedException(Reason.WRONG_TYPE, "header x-amz-sns-message-type is \"" + h.getValue() + "\", expected \"Notification\"");
                }
            }
        }
        return verify(body);
    }

    /** Verifies an SNS envelope: Type, SignatureVersion 1, the signature with the trusted certificate, the age. */
    public Notification verify(String body) throws RejectedException {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RejectedException(Reason.MALFORMED_BODY, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new RejectedException(Reason.MALFORMED_BODY, "the body is not a JSON object");
        Map<String, String> env = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isTextual()) env.put(f.getKey(), f.getValue().asText());
        }
        for (String k : REQUIRED) {
            if (!env.containsKey(k)) {
                throw new RejectedException(Reason.MISSING_FIELD, k + " is missing or not a JSON string (official clients cast every field to a string)");
            }
        }
        if (!"Notification".equals(env.get("Type"))) {
            throw new RejectedException(Reason.WRONG_TYPE, "Type is \"" + env.get("Type") + "\", expected \"Notification\"");
        }
        if (!"1".equals(env.get("SignatureVersion"))) {
            throw new RejectedException(Reason.UNSUPPORTED_SIGNATURE_VERSION, "SignatureVersion is \"" + env.get("SignatureVersion")
                    + "\"; Amazon Pay IPNs use \"1\" (RSA-SHA1)");
        }
        Instant now = clock.instant();
        try {
            trusted.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new RejectedException(Reason.CERTIFICATE_NOT_VALID, "the trusted certificate is not valid at " + now + ": " + e.getMessage());
        }
        if (!signatureMatches(env)) {
            throw new RejectedException(Reason.BAD_SIGNATURE, "the signature does not match the trusted certificate "
                    + trusted.getSubjectX500Principal().getName());
        }
        if (maxAge != null) {
            Instant ts;
            try {
                ts = Instant.parse(env.get("Timestamp"));
            } catch (DateTimeParseException e) {
                throw new RejectedException(Reason.STALE, "Timestamp \"" + env.get("Timestamp") + "\" is not an ISO-8601 instant");
            }
            if (ts.plus(maxAge).isBefore(now)) {
                throw new RejectedException(Reason.STALE, "Timestamp " + ts + " is older than " + maxAge + " at " + now);
            }
        }
        return new Notification(Collections.unmodifiableMap(env), Collections.unmodifiableMap(message(env.get("Message"))));
    }

    private boolean signatureMatches(Map<String, String> env) throws RejectedException {
        // SNS SignatureVersion 1: "key\nvalue\n" for these keys in this order, Subject only when present.
        StringBuilder s = new StringBuilder();
        for (String k : new String[]{"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}) {
            if (env.containsKey(k)) s.append(k).append('\n').append(env.get(k)).append('\n');
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(env.get("Signature"));
        } catch (IllegalArgumentException e) {
            throw new RejectedException(Reason.BAD_SIGNATURE, "Signature is not base64");
        }
        try {
            Signature v = Signature.getInstance("SHA1withRSA");
            v.initVerify(trusted.getPublicKey());
            v.update(s.toString().getBytes(StandardCharsets.UTF_8));
            return v.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA1withRSA is not available in this JVM", e);
        }
    }

    private static Map<String, String> message(String text) throws RejectedException {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RejectedException(Reason.MALFORMED_MESSAGE, "Message is not JSON: " + e.getOriginalMessage());
        }
        if (m == null || !m.isObject()) throw new RejectedException(Reason.MALFORMED_MESSAGE, "Message is not a JSON object");
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            out.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
        }
        for (String k : new String[]{"NotificationReferenceId", "NotificationType", "SellerId", "NotificationData"}) {
            if (!out.containsKey(k)) throw new RejectedException(Reason.MALFORMED_MESSAGE, "Message has no " + k);
        }
        return out;
    }
}
