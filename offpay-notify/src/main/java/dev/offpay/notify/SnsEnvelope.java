package dev.offpay.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offpay.core.Environment;
import dev.offpay.core.Region;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One IPN as Amazon SNS posts it (spec §11): the JSON envelope whose values are all strings, signed
 * with SignatureVersion 1, and the x-amz-sns-* headers. Everything derives from the outbox row, so
 * every attempt of one row carries byte-identical content: the same NotificationReferenceId (the
 * row id), the same MessageId (derived from the row id) and the same Timestamp (when it was written).
 */
public record SnsEnvelope(String body, Map<String, String> headers, String messageId, String notificationReferenceId) {
    /** The AWS account that owns Amazon Pay's IPN topics in observed notifications. */
    static final String TOPIC_ACCOUNT = "291180941288";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** What one IPN says, independent of how it is signed. */
    public record Content(String notificationReferenceId, String notificationType, String sellerId, Region region,
                          Environment environment, Instant timestamp, String notificationData) {
    }

    /** Builds and signs the envelope. certUrl is the advertised SigningCertURL. */
    public static SnsEnvelope build(Content c, SigningCertificate signer, String certUrl, String unsubscribeBase) {
        String timestamp = TIMESTAMP.format(c.timestamp());
        Map<String, String> inner = new LinkedHashMap<>();
        inner.put("NotificationReferenceId", c.notificationReferenceId());
        inner.put("NotificationType", c.notificationType());
        inner.put("SellerId", c.sellerId());
        inner.put("MarketplaceID", c.region().marketplaceId());
        inner.put("ReleaseEnvironment", c.environment().wireName());
        inner.put("Version", "2013-01-01");
        inner.put("Timestamp", timestamp);
        inner.put("NotificationData", c.notificationData());
        String message = json(inner);

        String topicArn = topicArn(c.region(), c.sellerId());
        String messageId = messageId(c.notificationReferenceId());
        String subscriptionArn = topicArn + ":" + UUID.nameUUIDFromBytes(("offpay-sns-subscription:" + c.sellerId()).getBytes(StandardCharsets.UTF_8));
        // No Subject: clients disagree on whether it is part of the string to sign (spec §11.2).
        String stringToSign = "Message\n" + message + "\n"
                + "MessageId\n" + messageId + "\n"
                + "Timestamp\n" + timestamp + "\n"
                + "TopicArn\n" + topicArn + "\n"
                + "Type\nNotification\n";

        Map<String, String> envelope = new LinkedHashMap<>();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", messageId);
        envelope.put("TopicArn", topicArn);
        envelope.put("Message", message);
        envelope.put("Timestamp", timestamp);
        envelope.put("SignatureVersion", "1");
        envelope.put("Signature", signer.sign(stringToSign));
        envelope.put("SigningCertURL", certUrl);
        envelope.put("UnsubscribeURL", unsubscribeBase + "?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", "Notification");
        headers.put("x-amz-sns-message-id", messageId);
        headers.put("x-amz-sns-topic-arn", topicArn);
        headers.put("x-amz-sns-subscription-arn", subscriptionArn);
        headers.put("Content-Type", "text/plain; charset=UTF-8");
        headers.put("User-Agent", "Amazon Simple Notification Service Agent");
        return new SnsEnvelope(json(envelope), headers, messageId, c.notificationReferenceId());
    }

    /** The MessageId of every attempt of the notification (stable, so SNS-level de-duplication works too). */
    public static String messageId(String notificationReferenceId) {
        return UUID.nameUUIDFromBytes(("offpay-sns-message:" + notificationReferenceId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** arn:aws:sns:{aws region}:{account}:{MarketplaceId}{SellerId}, as observed in Amazon Pay IPNs. */
    public static String topicArn(Region region, String sellerId) {
        return "arn:aws:sns:" + region.awsRegion() + ":" + TOPIC_ACCOUNT + ":" + region.marketplaceId() + sellerId;
    }

    private static String json(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
