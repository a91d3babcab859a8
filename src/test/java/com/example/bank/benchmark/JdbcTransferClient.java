package com.example.bank.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import com.example.bank.idempotency.RecordedAnswer;

/**
 * The database's own limit: the same transaction as the service's, one per transfer (lock both rows in id
 * order, update both balances, insert the ledger row, keyed with the id its key names and only if the key has
 * no recorded refusal, as the service does, commit) sent straight over JDBC at SERIALIZABLE, with no HTTP,
 * JSON, ORM or pool, retried immediately on 40001/40P01 up to a limit.
 */
final class JdbcTransferClient implements TransferClient {

    private final Connection connection;
    private final int maxRetries;
    private final PreparedStatement lock;
    private final PreparedStatement update;
    private final PreparedStatement insert;
    private final String initiatedBy;
    private final boolean keyed;

    JdbcTransferClient(String url, String user, String password, int maxRetries, String initiatedBy, boolean keyed)
            throws SQLException {
        this.initiatedBy = initiatedBy;
        this.keyed = keyed;
        this.connection = DriverManager.getConnection(url, user, password);
        this.connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        this.connection.setAutoCommit(false);
        this.maxRetries = maxRetries;
        this.lock = connection.prepareStatement(
                "SELECT id, balance FROM account WHERE id IN (?, ?) ORDER BY id FOR UPDATE");
        this.update = connection.prepareStatement("UPDATE account SET balance = ? WHERE id = ?");
        String ledgerRow = "INSERT INTO transfer (id, kind, from_account_id, to_account_id, amount, currency, "
                + "initiated_by, created_at) SELECT ?, 'TRANSFER', ?, ?, ?, 'USD', ?, ?";
        this.insert = connection.prepareStatement(keyed ? ledgerRow + " WHERE NOT EXISTS (SELECT 1 FROM idempotency_key "
                + "WHERE subject = ? AND idempotency_key = ?)" : ledgerRow);
    }

    @Override
    public int transfer(UUID from, UUID to, long amount) throws SQLException {
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            try {
                attempt(from, to, amount);
                return attempt;
            } catch (SQLException e) {
                connection.rollback();
                if (!"40001".equals(e.getSQLState()) && !"40P01".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        return -1;
    }

    private void attempt(UUID from, UUID to, long amount) throws SQLException {
        long fromBalance = 0;
        long toBalance = 0;
        lock.setObject(1, from);
        lock.setObject(2, to);
        try (ResultSet rows = lock.executeQuery()) {
            while (rows.next()) {
                if (rows.getObject(1, UUID.class).equals(from)) {
                    fromBalance = rows.getLong(2);
                } else {
                    toBalance = rows.getLong(2);
                }
            }
        }
        if (fromBalance < amount) {
            throw new IllegalStateException("the benchmark ran an account dry");
        }
        update.setLong(1, fromBalance - amount);
        update.setObject(2, from);
        update.addBatch();
        update.setLong(1, Math.addExact(toBalance, amount));
        update.setObject(2, to);
        update.addBatch();
        update.executeBatch();
        String key = UUID.randomUUID().toString();
        UUID transferId = keyed ? new RecordedAnswer.Id(initiatedBy, key).ledgerEntryId() : UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        insert.setObject(1, transferId);
        insert.setObject(2, from);
        insert.setObject(3, to);
        insert.setLong(4, amount);
        insert.setString(5, initiatedBy);
        insert.setTimestamp(6, now);
        if (keyed) {
            insert.setString(7, initiatedBy);
            insert.setString(8, key);
        }
        insert.executeUpdate();
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
