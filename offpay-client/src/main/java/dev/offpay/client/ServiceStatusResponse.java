package dev.offpay.client;

import java.time.Instant;
import java.util.List;

/** Answer of GetServiceStatus: {@code GREEN}, {@code GREEN_I}, {@code YELLOW} or {@code RED}, with optional messages. */
public record ServiceStatusResponse(String requestId, String status, Instant timestamp, String messageId, List<Message> messages) {

    /** The list is never null. */
    public ServiceStatusResponse {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** A localized status message. */
    public record Message(String locale, String text) {}
}
