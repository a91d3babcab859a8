package com.example.bank.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hibernate.Session;

import com.example.bank.database.TransactionConflictException;
import com.example.bank.idempotency.RecordedAnswer;
import com.example.bank.ledger.Transfer;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The rows one attempt at a batch adds besides the balances: a ledger row for each transfer made, with the
 * answer recorded under its key when the request had one, and the refusals recorded under their keys. Sent at
 * the end of the attempt as one JDBC batch per kind of row, so a batch of keyed transfers, which is what real
 * clients send, writes all its ledger and key rows in one round trip, as a keyless batch writes its ledger rows.
 * <p>
 * A keyed ledger row and its key row are one statement: the key row is inserted from the ledger row's
 * {@code RETURNING}, so it cannot name another transfer nor exist without its own. Hibernate would send entity
 * inserts as one batch per table, a round trip more for every keyed batch (a fifth of a hot lane's rate). The
 * balances stay Hibernate's: the accounts are managed entities, flushed at commit.
 * <p>
 * A key recorded before (a re-sent request, or a concurrent duplicate that committed first) fails its row on
 * the primary key, and the attempt fails as a conflict: the next one looks the batch's keys up first.
 */
final class LedgerRows {

    private static final String LEDGER_ROW = "INSERT INTO transfer (id, kind, from_account_id, to_account_id, amount, "
            + "currency, initiated_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String KEYED_LEDGER_ROW = "WITH entry AS (" + LEDGER_ROW
            + " RETURNING id, from_account_id, to_account_id, amount, currency, created_at) "
            + "INSERT INTO idempotency_key (subject, idempotency_key, from_account_id, to_account_id, amount, currency, "
            + "transfer_id, created_at) SELECT ?, ?, from_account_id, to_account_id, amount, currency, id, created_at "
            + "FROM entry";

    private static final String RECORDED_REFUSAL = "INSERT INTO idempotency_key (subject, idempotency_key, "
            + "from_account_id, to_account_id, amount, currency, rejection_type, rejection_detail, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final List<Transfer> unkeyed = new ArrayList<>();
    private final List<Keyed> keyed = new ArrayList<>();
    private final List<RecordedAnswer> refusals = new ArrayList<>();

    private record Keyed(Transfer transfer, RecordedAnswer.Id key) {
    }

    void transferMade(Transfer transfer, Optional<RecordedAnswer.Id> key) {
        key.ifPresentOrElse(id -> keyed.add(new Keyed(transfer, id)), () -> unkeyed.add(transfer));
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
        if (!unkeyed.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(LEDGER_ROW)) {
                for (Transfer transfer : unkeyed) {
                    bindLedgerRow(statement, transfer);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (!keyed.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(KEYED_LEDGER_ROW)) {
                for (Keyed row : keyed) {
                    int next = bindLedgerRow(statement, row.transfer());
                    statement.setString(next++, row.key().subject());
                    statement.setString(next, row.key().key());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (!refusals.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(RECORDED_REFUSAL)) {
                for (RecordedAnswer refusal : refusals) {
                    bindRefusal(statement, refusal);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    /** Binds the ledger row's eight parameters; returns the position of the next one. */
    private static int bindLedgerRow(PreparedStatement statement, Transfer transfer) throws SQLException {
        statement.setObject(1, transfer.id);
        statement.setString(2, transfer.kind.name());
        statement.setObject(3, transfer.fromAccountId);
        statement.setObject(4, transfer.toAccountId);
        statement.setLong(5, transfer.amount);
        statement.setString(6, transfer.currency);
        statement.setString(7, transfer.initiatedBy);
        statement.setObject(8, transfer.createdAt.atOffset(ZoneOffset.UTC));
        return 9;
    }

    private static void bindRefusal(PreparedStatement statement, RecordedAnswer refusal) throws SQLException {
        statement.setString(1, refusal.subject);
        statement.setString(2, refusal.key);
        statement.setObject(3, refusal.fromAccountId);
        statement.setObject(4, refusal.toAccountId);
        statement.setLong(5, refusal.amount);
        statement.setString(6, refusal.currency);
        statement.setString(7, refusal.rejectionType.name());
        statement.setString(8, refusal.rejectionDetail);
        statement.setObject(9, refusal.createdAt.atOffset(ZoneOffset.UTC));
    }
}
