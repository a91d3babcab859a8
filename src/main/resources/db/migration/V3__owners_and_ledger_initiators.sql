-- Authentication: every account has an owner (the subject of their tokens), every ledger entry records who
-- initiated it, money enters only by a recorded deposit, and idempotency keys belong to the caller.
--
-- Upgrading a database from before authentication: its accounts go to the subject ${legacy_account_owner}
-- (BANK_LEGACY_ACCOUNT_OWNER, default "legacy-owner"), its transfers and keys are marked as made
-- "before-authentication", and V4 records each account's opening balance as a deposit. DDL only here;
-- the data change is V4, so that no migration mixes the two (CockroachDB runs schema changes apart).

ALTER TABLE account ADD COLUMN owner_id VARCHAR(255) NOT NULL DEFAULT '${legacy_account_owner}';
ALTER TABLE account ALTER COLUMN owner_id DROP DEFAULT;
-- A customer's accounts, oldest first (GET /accounts).
CREATE INDEX account_owner_created_at_idx ON account (owner_id, created_at, id);

ALTER TABLE transfer ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'TRANSFER';
ALTER TABLE transfer ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE transfer ADD COLUMN initiated_by VARCHAR(255) NOT NULL DEFAULT 'before-authentication';
ALTER TABLE transfer ALTER COLUMN initiated_by DROP DEFAULT;
-- A deposit comes from outside the bank: it has no source account, and only a deposit has none.
ALTER TABLE transfer ALTER COLUMN from_account_id DROP NOT NULL;
ALTER TABLE transfer ADD CONSTRAINT transfer_kind_known CHECK (kind IN ('TRANSFER', 'DEPOSIT'));
ALTER TABLE transfer ADD CONSTRAINT transfer_source_unless_deposit
    CHECK ((kind = 'DEPOSIT') = (from_account_id IS NULL));

ALTER TABLE idempotency_key ADD COLUMN subject VARCHAR(255) NOT NULL DEFAULT 'before-authentication';
ALTER TABLE idempotency_key ALTER COLUMN subject DROP DEFAULT;
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey,
    ADD CONSTRAINT idempotency_key_pkey PRIMARY KEY (subject, idempotency_key);
