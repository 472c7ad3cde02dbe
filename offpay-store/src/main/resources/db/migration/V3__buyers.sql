-- The buyer side: test buyers a seller created beyond the built-in ones, and Login with Amazon
-- credentials (access tokens, authorization codes, refresh tokens, buyer-site sessions).
-- Common SQL only (SQLite and PostgreSQL).

CREATE TABLE test_buyers (
    seller_id  VARCHAR(64)  NOT NULL,
    email      VARCHAR(320) NOT NULL,  -- lower-cased
    created_ms BIGINT       NOT NULL,
    doc        TEXT         NOT NULL,  -- JSON; holds a PBKDF2 hash of the password, never the password
    PRIMARY KEY (seller_id, email)
);

-- Tokens are stored by the SHA-256 of their value: a copy of the database does not hand out sessions.
CREATE TABLE buyer_tokens (
    token_hash   VARCHAR(64)   PRIMARY KEY,
    kind         VARCHAR(16)   NOT NULL,
    seller_id    VARCHAR(64)   NOT NULL,
    buyer_email  VARCHAR(320)  NOT NULL,
    client_id    VARCHAR(256),
    scopes       VARCHAR(1024) NOT NULL,
    redirect_uri VARCHAR(2048),
    issued_ms    BIGINT        NOT NULL,
    expires_ms   BIGINT        NOT NULL
);
CREATE INDEX buyer_tokens_expiry ON buyer_tokens (expires_ms);
