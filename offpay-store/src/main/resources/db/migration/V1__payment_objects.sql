-- One migration set for the embedded store (SQLite) and PostgreSQL: only the common subset of SQL.
-- Aggregates are stored as JSON documents; the columns beside them exist for lookups and locking.

CREATE TABLE sellers (
    id              VARCHAR(64)  PRIMARY KEY,
    access_key      VARCHAR(128) NOT NULL UNIQUE,
    clock_offset_ms BIGINT       NOT NULL,
    doc             TEXT         NOT NULL
);

CREATE TABLE order_references (
    id              VARCHAR(32)   PRIMARY KEY,
    seller_id       VARCHAR(64)   NOT NULL,
    environment     VARCHAR(8)    NOT NULL,
    seller_order_id VARCHAR(1024),
    state           VARCHAR(16)   NOT NULL,
    created_ms      BIGINT        NOT NULL,
    version         BIGINT        NOT NULL,
    doc             TEXT          NOT NULL
);
CREATE INDEX order_references_by_seller_order ON order_references (seller_id, environment, seller_order_id, created_ms);

-- Reference ids are unique per seller and environment across all transaction types.
CREATE TABLE reference_ids (
    seller_id    VARCHAR(64) NOT NULL,
    environment  VARCHAR(8)  NOT NULL,
    reference_id VARCHAR(64) NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    parent_id    VARCHAR(64) NOT NULL,
    object_id    VARCHAR(64) NOT NULL,
    PRIMARY KEY (seller_id, environment, reference_id)
);

-- Due work on the seller's clock (due_ms is seller-clock time).
CREATE TABLE timers (
    id                 VARCHAR(40) PRIMARY KEY,
    seller_id          VARCHAR(64) NOT NULL,
    environment        VARCHAR(8)  NOT NULL,
    order_reference_id VARCHAR(32) NOT NULL,
    kind               VARCHAR(40) NOT NULL,
    target_id          VARCHAR(64) NOT NULL,
    due_ms             BIGINT      NOT NULL
);
CREATE INDEX timers_due ON timers (due_ms);
CREATE INDEX timers_seller_due ON timers (seller_id, due_ms);

-- IPNs and buyer e-mails, written in the transaction of the change they announce.
CREATE TABLE outbox (
    id                 VARCHAR(40) PRIMARY KEY,
    seller_id          VARCHAR(64) NOT NULL,
    environment        VARCHAR(8)  NOT NULL,
    order_reference_id VARCHAR(32) NOT NULL,
    object_id          VARCHAR(64) NOT NULL,
    event_type         VARCHAR(48) NOT NULL,
    seq                BIGINT      NOT NULL,
    created_ms         BIGINT      NOT NULL,
    payload            TEXT,
    status             VARCHAR(16) NOT NULL,
    attempts           INTEGER     NOT NULL,
    next_attempt_ms    BIGINT      NOT NULL,
    claimed_until_ms   BIGINT      NOT NULL,
    last_status        INTEGER,
    last_error         VARCHAR(2000),
    delivered_ms       BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_ms);
CREATE INDEX outbox_by_seller ON outbox (seller_id, created_ms);
CREATE INDEX outbox_by_order ON outbox (order_reference_id, seq);
