package dev.offpay.core;

/** A documented API error: a stable code plus a message saying what was expected and what came. */
public final class PaymentException extends RuntimeException {
    private final ErrorCode code;

    public PaymentException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static PaymentException invalidParameter(String message) {
        return new PaymentException(ErrorCode.InvalidParameterValue, message);
    }
}
