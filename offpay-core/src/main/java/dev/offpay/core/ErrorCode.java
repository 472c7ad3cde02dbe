package dev.offpay.core;

/**
 * Every error Offpay answers with: its wire code, HTTP status and type (Sender = caller's fault,
 * Receiver = ours). This enum is the one place errors are mapped to HTTP.
 */
public enum ErrorCode {
    // Amazon Pay section errors (spec §9.1)
    BillingAgreementConstraintsExist(400),
    BillingAgreementNotModifiable(405),
    CaptureNotRefundable(405),
    ConstraintsExist(400),
    CurrencyMismatch(400),
    CurrencyUnsupported(400),
    DuplicateReferenceId(400),
    DuplicateRequest(400),
    InternalServerError(500),
    InvalidAccountStatus(403),
    InvalidAddress(400),
    InvalidAddressConsentToken(404),
    InvalidAuthorizationStatus(405),
    InvalidBillingAgreementId(404),
    InvalidBillingAgreementStatus(405),
    InvalidCancelAttempt(405),
    InvalidCloseAttempt(405),
    InvalidOrderReferenceId(404),
    InvalidOrderReferenceStatus(405),
    InvalidParameterValue(400),
    InvalidSandboxSimulationSpecified(400),
    InvalidTransactionId(404),
    MissingAuthenticationToken(401),
    OrderReferenceCountExceeded(400),
    OrderReferenceNotModifiable(405),
    PaymentMethodNotUpdated(400),
    PeriodicAmountExceeded(400),
    RequestThrottled(503),
    ServiceUnavailable(503),
    TransactionAmountExceeded(400),
    TransactionCountExceeded(400),
    UnauthorizedAccess(401),
    UnauthorizedSolutionProvider(401),
    // MWS common errors (spec §9.2)
    InputStreamDisconnected(400),
    AccessDenied(401),
    InvalidAccessKeyId(403),
    SignatureDoesNotMatch(403),
    InternalError(500),
    QuotaExceeded(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** "Sender" for 4xx, "Receiver" for 5xx. */
    public String type() {
        return httpStatus >= 500 ? "Receiver" : "Sender";
    }
}
