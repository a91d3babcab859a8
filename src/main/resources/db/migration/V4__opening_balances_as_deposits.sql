-- Before authentication, accounts were opened with a balance and no ledger entry. Record each such opening
-- balance as a deposit at the account's creation, so that every balance equals the sum of its ledger:
-- opening = balance now + transfers out - transfers in. Nothing is inserted on a database without accounts.
INSERT INTO transfer (id, kind, from_account_id, to_account_id, amount, currency, initiated_by, created_at)
SELECT gen_random_uuid(), 'DEPOSIT', NULL, opening.account_id, CAST(opening.amount AS BIGINT), opening.currency,
       'before-authentication', opening.created_at
FROM (
    SELECT a.id AS account_id, a.currency, a.created_at,
           a.balance
           + COALESCE((SELECT sum(t.amount) FROM transfer t WHERE t.from_account_id = a.id), 0)
           - COALESCE((SELECT sum(t.amount) FROM transfer t WHERE t.to_account_id = a.id), 0) AS amount
    FROM account a
) opening
WHERE opening.amount > 0;
