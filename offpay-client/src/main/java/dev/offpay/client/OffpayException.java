package dev.offpay.client;

/** A CV1 call that did not produce a usable answer: no response, an interrupted wait, or a malformed body. */
public class OffpayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public OffpayException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public OffpayException(String message, Throwable cause) {
        super(message, cause);
    }
}
