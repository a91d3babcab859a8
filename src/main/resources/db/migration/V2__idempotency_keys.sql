-- One row per Idempotency-Key a client sent with POST /transfers, written in the same transaction as the
-- transfer (or the rejection) it produced, so that a re-sent request gets the original answer instead of
-- moving money again. The request's fields are kept to refuse the same key for a different request.
CREATE TABLE idempotency_key (
    idempotency_key  VARCHAR(255)  NOT NULL,
    from_account_id  UUID          NOT NULL,
    to_account_id    UUID          NOT NULL,
    amount           BIGINT        NOT NULL,
    currency         VARCHAR(3)    NOT NULL,
    transfer_id      UUID          REFERENCES transfer (id),
    rejection_type   VARCHAR(64),
    rejection_detail VARCHAR(1000),
    created_at       TIMESTAMPTZ   NOT NULL,
    CONSTRAINT idempotency_key_pkey PRIMARY KEY (idempotency_key),
    CONSTRAINT idempotency_key_one_outcome CHECK ((transfer_id IS NULL) <> (rejection_type IS NULL))
);

-- The purge job deletes keys older than the retention period.
CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
