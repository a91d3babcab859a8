package com.example.bank.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.hibernate.Session;

import com.example.bank.database.TransactionConflictException;
import com.example.bank.idempotency.RecordedAnswer;
import com.example.bank.ledger.Transfer;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The rows one attempt at a batch adds besides the balances: a ledger row for each transfer made, with the
 * answer recorded under its key when the request had one, and the refusals recorded under their keys. Written
 * at the end of the attempt in one statement, whatever the batch's size and whether its requests had keys (a
 * second one only for refusals with keys): a batch of keyed transfers, what real clients send, costs no more
 * round trips than a keyless one.
 * <p>
 * The statement takes each column as an array and inserts the rows with {@code unnest}: the database plans and
 * starts it once per batch rather than once per row, as a JDBC batch would. The key rows are inserted from
 * the ledger rows' {@code RETURNING}, so a key row cannot describe another transfer nor exist without its
 * own. (Hibernate would send entity inserts as one JDBC batch per table: a round trip more for every keyed
 * batch.) The balances stay Hibernate's: the accounts are managed entities, flushed at commit.
 * <p>
 * A key recorded before (a re-sent request, or a concurrent duplicate that committed first) fails the
 * statement on the key's primary key, and the attempt fails as a conflict: the next one looks the batch's keys
 * up first.
 */
final class LedgerRows {

    /** A transfer without a key has no element in the keys' arrays: the join leaves it without a key row. */
    private static final String LEDGER_AND_KEY_ROWS = """
            WITH entry AS (
                INSERT INTO transfer (id, kind, from_account_id, to_account_id, amount, currency, initiated_by, created_at)
                SELECT * FROM unnest(CAST(? AS UUID[]), CAST(? AS VARCHAR[]), CAST(? AS UUID[]), CAST(? AS UUID[]),
                    CAST(? AS BIGINT[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS TIMESTAMPTZ[]))
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
                CAST(? AS BIGINT[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS TIMESTAMPTZ[]))""";

    private final List<Transfer> transfers = new ArrayList<>();
    private final List<Keyed> keyed = new ArrayList<>();
    private final List<RecordedAnswer> refusals = new ArrayList<>();

    private record Keyed(Transfer transfer, RecordedAnswer.Id key) {
    }

    void transferMade(Transfer transfer, Optional<RecordedAnswer.Id> key) {
        transfers.add(transfer);
        key.ifPresent(id -> keyed.add(new Keyed(transfer, id)));
    }

    void refusalRecorded(RecordedAnswer refusal) {
        refusals.add(refusal);
    }

    /** Sends the rows, in this transaction; a key that was recorded before fails it as a conflict. */
    void write() {
        try {
            Panache.getEntityManager().unwrap(Session.class).doWork(this::write);
        } catch (RuntimeException e) {
            if (RecordedAnswer.isKeyRecordedBefore(e)) {
                throw new TransactionConflictException(e);
            }
            throw e;
        }
    }

    private void write(Connection connection) throws SQLException {
        if (!transfers.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(LEDGER_AND_KEY_ROWS)) {
                new Columns(connection, statement)
                        .add("uuid", transfers, transfer -> transfer.id)
                        .add("varchar", transfers, transfer -> transfer.kind.name())
                        .add("uuid", transfers, transfer -> transfer.fromAccountId)
                        .add("uuid", transfers, transfer -> transfer.toAccountId)
                        .add("int8", transfers, transfer -> transfer.amount)
                        .add("varchar", transfers, transfer -> transfer.currency)
                        .add("varchar", transfers, transfer -> transfer.initiatedBy)
                        .add("timestamptz", transfers, transfer -> transfer.createdAt)
                        .add("uuid", keyed, row -> row.transfer().id)
                        .add("varchar", keyed, row -> row.key().subject())
                        .add("varchar", keyed, row -> row.key().key());
                statement.executeUpdate();
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
                        .add("timestamptz", refusals, refusal -> refusal.createdAt);
                statement.executeUpdate();
            }
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
