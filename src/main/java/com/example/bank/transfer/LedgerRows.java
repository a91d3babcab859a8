package com.example.bank.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

import com.example.bank.database.TransactionConflictException;
import com.example.bank.idempotency.RecordedAnswer;
import com.example.bank.ledger.Transfer;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The rows one attempt at a batch adds besides the balances: a ledger row for each transfer made, and the
 * refusals recorded under their keys. Written at the end of the attempt in one statement, whatever the batch's
 * size and whether its requests had keys (a second one only for refusals with keys): a batch of keyed
 * transfers, what real clients send, costs no more round trips than a keyless one, and no more rows.
 * <p>
 * A keyed transfer's ledger row is its key's record: its id is derived from the key
 * ({@link RecordedAnswer.Id#ledgerEntryId()}), so the ledger's primary key refuses a second transfer under the
 * same key, on every instance, with no row or index besides the ledger's. Refusals, which make no ledger row,
 * are recorded in the key table. Each statement makes sure the other table does not already answer its keys:
 * the ledger rows are inserted only if none of their keys has a recorded refusal (or a transfer recorded there
 * by a version before ledger ids were derived), a refusal only if its key made no transfer. At SERIALIZABLE
 * those reads also order the attempt after, or before, any concurrent one that writes the same key.
 * <p>
 * Each statement takes its columns as arrays and inserts the rows with {@code unnest}: the database plans and
 * starts it once per batch rather than once per row, as a JDBC batch would. The balances stay Hibernate's: the
 * accounts are managed entities, flushed at commit.
 * <p>
 * A key answered before (a re-sent request, or a concurrent duplicate that committed first) fails the attempt
 * as a conflict: on a primary key, or because a statement found the key in the other table and wrote nothing.
 * The next attempt looks the batch's keys up first.
 */
final class LedgerRows {

    private static final String LEDGER_ROWS = """
            INSERT INTO transfer (id, kind, from_account_id, to_account_id, amount, currency, initiated_by, created_at)
            SELECT * FROM unnest(CAST(? AS UUID[]), CAST(? AS VARCHAR[]), CAST(? AS UUID[]), CAST(? AS UUID[]),
                CAST(? AS BIGINT[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS TIMESTAMPTZ[]))""";

    private static final String UNLESS_A_KEY_HAS_A_RECORD = """

            WHERE NOT EXISTS (SELECT 1 FROM idempotency_key k
                JOIN unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])) AS b (subject, idempotency_key)
                ON k.subject = b.subject AND k.idempotency_key = b.idempotency_key)""";

    /**
     * Appended, as {@code WITH entry AS (…ledger rows… RETURNING …)}, while key rows are also written for
     * versions that read keys from the key table only (see {@link #LedgerRows(boolean)}): a row for each keyed
     * transfer, built from its ledger row.
     */
    private static final String KEY_ROWS_FROM_THE_LEDGER_ROWS = """

            RETURNING id, from_account_id, to_account_id, amount, currency, created_at)
            INSERT INTO idempotency_key (subject, idempotency_key, from_account_id, to_account_id, amount, currency,
                transfer_id, created_at)
            SELECT k.subject, k.idempotency_key, e.from_account_id, e.to_account_id, e.amount, e.currency, e.id,
                e.created_at
            FROM entry e
            JOIN unnest(CAST(? AS UUID[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])) AS k (transfer_id, subject, idempotency_key)
                ON k.transfer_id = e.id""";

    private static final String REFUSAL_ROWS = """
            INSERT INTO idempotency_key (subject, idempotency_key, from_account_id, to_account_id, amount, currency,
                rejection_type, rejection_detail, created_at)
            SELECT * FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS UUID[]), CAST(? AS UUID[]),
                CAST(? AS BIGINT[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS TIMESTAMPTZ[]))
            WHERE NOT EXISTS (SELECT 1 FROM transfer WHERE id = ANY (CAST(? AS UUID[])))""";

    /** The primary keys a second use of a key fails on: the ledger's (a transfer) and the key table's (a refusal). */
    private static final Set<String> KEY_CLAIMS = Set.of("transfer_pkey", "idempotency_key_pkey");

    private final boolean keyRows;
    private final List<Transfer> transfers = new ArrayList<>();
    private final List<RecordedAnswer.Id> keys = new ArrayList<>();
    private final List<RecordedAnswer> refusals = new ArrayList<>();

    /**
     * {@code keyRows}: also write a key row for each keyed transfer, as the versions before ledger ids were
     * derived from keys did, for as long as instances of such a version run beside this one (a rolling upgrade):
     * they find a key in the key table only, and would otherwise make a re-sent transfer again.
     */
    LedgerRows(boolean keyRows) {
        this.keyRows = keyRows;
    }

    /** {@code key}: the transfer's idempotency key, from which its ledger row's id was derived. */
    void transferMade(Transfer transfer, Optional<RecordedAnswer.Id> key) {
        transfers.add(transfer);
        key.ifPresent(keys::add);
    }

    void refusalRecorded(RecordedAnswer refusal) {
        refusals.add(refusal);
    }

    /** Sends the rows, in this transaction; a key that was answered before fails it as a conflict. */
    void write() {
        try {
            Panache.getEntityManager().unwrap(Session.class).doWork(this::write);
        } catch (RuntimeException e) {
            if (isKeyClaimedBefore(e)) {
                throw new TransactionConflictException(e);
            }
            throw e;
        }
    }

    private void write(Connection connection) throws SQLException {
        if (!transfers.isEmpty()) {
            boolean withKeyRows = keyRows && !keys.isEmpty();
            String sql = keys.isEmpty() ? LEDGER_ROWS : LEDGER_ROWS + UNLESS_A_KEY_HAS_A_RECORD;
            if (withKeyRows) {
                sql = "WITH entry AS (" + sql + KEY_ROWS_FROM_THE_LEDGER_ROWS;
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Columns columns = new Columns(connection, statement)
                        .add("uuid", transfers, transfer -> transfer.id)
                        .add("varchar", transfers, transfer -> transfer.kind.name())
                        .add("uuid", transfers, transfer -> transfer.fromAccountId)
                        .add("uuid", transfers, transfer -> transfer.toAccountId)
                        .add("int8", transfers, transfer -> transfer.amount)
                        .add("varchar", transfers, transfer -> transfer.currency)
                        .add("varchar", transfers, transfer -> transfer.initiatedBy)
                        .add("timestamptz", transfers, transfer -> transfer.createdAt);
                if (!keys.isEmpty()) {
                    columns.add("varchar", keys, RecordedAnswer.Id::subject)
                            .add("varchar", keys, RecordedAnswer.Id::key);
                }
                if (withKeyRows) {
                    columns.add("uuid", keys, RecordedAnswer.Id::ledgerEntryId)
                            .add("varchar", keys, RecordedAnswer.Id::subject)
                            .add("varchar", keys, RecordedAnswer.Id::key);
                }
                expectAll(withKeyRows ? keys.size() : transfers.size(), statement.executeUpdate());
            }
        }
        if (!refusals.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(REFUSAL_ROWS)) {
                new Columns(connection, statement)
                        .add("varchar", refusals, refusal -> refusal.subject)
                        .add("varchar", refusals, refusal -> refusal.key)
                        .add("uuid", refusals, refusal -> refusal.fromAccountId)
                        .add("uuid", refusals, refusal -> refusal.toAccountId)
                        .add("int8", refusals, refusal -> refusal.amount)
                        .add("varchar", refusals, refusal -> refusal.currency)
                        .add("varchar", refusals, refusal -> refusal.rejectionType.name())
                        .add("varchar", refusals, refusal -> refusal.rejectionDetail)
                        .add("timestamptz", refusals, refusal -> refusal.createdAt)
                        .add("uuid", refusals, refusal -> new RecordedAnswer.Id(refusal.subject, refusal.key).ledgerEntryId());
                expectAll(refusals.size(), statement.executeUpdate());
            }
        }
    }

    /** A statement's guard found one of its keys answered in the other table: it wrote nothing. */
    private static void expectAll(int rows, int written) {
        if (written != rows) {
            throw new TransactionConflictException(new KeyAnsweredBefore(rows, written));
        }
    }

    private static boolean isKeyClaimedBefore(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && KEY_CLAIMS.contains(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    /** Why an attempt was run again: no stack trace, it is the expected path of a re-sent request. */
    private static final class KeyAnsweredBefore extends RuntimeException {
        KeyAnsweredBefore(int rows, int written) {
            super("An idempotency key of the batch was answered before: " + written + " of " + rows + " rows written",
                    null, false, false);
        }
    }

    /**
     * Binds a statement's parameters, in order, each to one column of the rows as an SQL array. Values go as
     * text (a UUID's, an instant's ISO 8601 form), which PostgreSQL and CockroachDB both parse by the array's
     * type; numbers as numbers.
     */
    private static final class Columns {
        private final Connection connection;
        private final PreparedStatement statement;
        private int position = 1;

        Columns(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        <T> Columns add(String sqlType, List<T> rows, Function<T, Object> column) throws SQLException {
            Object[] values = rows.stream().map(column)
                    .map(value -> value instanceof Long || value == null ? value : value.toString()).toArray();
            statement.setArray(position++, connection.createArrayOf(sqlType, values));
            return this;
        }
    }
}
