package dev.offpay.client;

/**
 * The service answered with a non-200 status; carries what its {@code ErrorResponse} said
 * ({@code Type}, {@code Code}, {@code Message}, {@code RequestId}). Fields the body did not hold are null.
 */
public class OffpayApiException extends OffpayException {

    private static final long serialVersionUID = 1L;

    private final String action;
    private final int httpStatus;
    private final String errorType;
    private final String errorCode;
    private final String errorMessage;
    private final String requestId;
    private final String responseBody;

    /** An error answer to {@code action}. */
    public OffpayApiException(String action, int httpStatus, String errorType, String errorCode,
            String errorMessage, String requestId, String responseBody) {
        super(describe(action, httpStatus, errorCode, errorMessage, requestId));
        this.action = action;
        this.httpStatus = httpStatus;
        this.errorType = errorType;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.requestId = requestId;
        this.responseBody = responseBody;
    }

    private static String describe(String action, int httpStatus, String code, String message, String requestId) {
        StringBuilder text = new StringBuilder();
        text.append(action).append(" failed with HTTP ").append(httpStatus);
        if (code != null) {
            text.append(' ').append(code);
        }
        if (message != null && !message.isEmpty()) {
            text.append(": ").append(message);
        }
        if (requestId != null) {
            text.append(" (RequestId ").append(requestId).append(')');
        }
        return text.toString();
    }

    /** The operation that failed, e.g. {@code Authorize}. */
    public String action() {
        return action;
    }

    /** The HTTP status of the answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@code Sender} or {@code Receiver}; empty for throttling answers; null when absent. */
    public String errorType() {
        return errorType;
    }

    /** The stable error code, e.g. {@code OrderReferenceNotModifiable}; null when the body was not an ErrorResponse. */
    public String errorCode() {
        return errorCode;
    }

    /** The service's own message text (the body itself, shortened, when it was not an ErrorResponse). */
    public String errorMessage() {
        return errorMessage;
    }

    /** {@code RequestId} (or throttling's {@code RequestID}), else the {@code x-mws-request-id} header. */
    public String requestId() {
        return requestId;
    }

    /** The raw response body. */
    public String responseBody() {
        return responseBody;
    }
}
