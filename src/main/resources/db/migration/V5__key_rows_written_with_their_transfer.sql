-- A key row that records a transfer is now inserted by the same statement as the transfer's ledger row, from
-- that row's RETURNING (see LedgerRows), and ledger rows are never deleted: the reference cannot be wrong.
-- The foreign key only made the database look the transfer up again for every key (a row lock on the ledger
-- row in PostgreSQL, a lookup join in CockroachDB), on the path every real client takes. The other
-- constraints stay: one outcome per key, the key's primary key.
ALTER TABLE idempotency_key DROP CONSTRAINT IF EXISTS idempotency_key_transfer_id_fkey;
