package dev.offpay.client;

/** What the service answered to a call, untouched: status, body text and the request id found in it. */
public record RawResponse(String action, int httpStatus, String body, String requestId, String contentType) {

    /** Whether the service reported success (CV1 success is HTTP 200 only). */
    public boolean isSuccess() {
        return httpStatus == 200;
    }
}
