-- Delivery of outbox rows (IPNs and buyer e-mails): attempts, per-seller delivery controls, the buyer mailbox.
-- Common SQL only: it runs on the embedded store (SQLite) and on PostgreSQL.

-- Which worker holds a row's claim, so a restarted node can release its own claims at once instead of
-- waiting for the lease to expire.
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(64);

-- Every delivery attempt of an outbox row (at_ms is the seller's clock, as next_attempt_ms).
CREATE TABLE outbox_attempts (
    id          VARCHAR(40)   PRIMARY KEY,
    outbox_id   VARCHAR(40)   NOT NULL,
    seller_id   VARCHAR(64)   NOT NULL,
    attempt     INTEGER       NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    at_ms       BIGINT        NOT NULL,
    message_id  VARCHAR(64),
    url         VARCHAR(2000),
    status_code INTEGER,
    latency_ms  BIGINT        NOT NULL,
    error       VARCHAR(2000)
);
CREATE INDEX outbox_attempts_by_outbox ON outbox_attempts (outbox_id, at_ms);

-- Per-seller delivery controls of the sandbox: pause, and faults injected on purpose.
CREATE TABLE notification_controls (
    seller_id      VARCHAR(64) PRIMARY KEY,
    paused         INTEGER     NOT NULL,
    fail_next      INTEGER     NOT NULL,
    fail_status    INTEGER     NOT NULL,
    duplicate_next INTEGER     NOT NULL,
    delay_ms       BIGINT      NOT NULL,
    reorder_next   INTEGER     NOT NULL
);

-- Buyer e-mails as rendered; the id is the outbox row's id, which makes storing one idempotent.
CREATE TABLE mailbox (
    id                 VARCHAR(40)   PRIMARY KEY,
    seller_id          VARCHAR(64)   NOT NULL,
    environment        VARCHAR(8)    NOT NULL,
    order_reference_id VARCHAR(32)   NOT NULL,
    object_id          VARCHAR(64)   NOT NULL,
    event_type         VARCHAR(48)   NOT NULL,
    created_ms         BIGINT        NOT NULL,
    seq                BIGINT        NOT NULL,
    to_address         VARCHAR(320),
    subject            VARCHAR(1000) NOT NULL,
    body               TEXT          NOT NULL,
    fields             TEXT,
    smtp_status        VARCHAR(16)   NOT NULL,
    smtp_error         VARCHAR(2000)
);
CREATE INDEX mailbox_by_seller ON mailbox (seller_id, created_ms);
