package com.example.bank.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Accounts for a benchmark, inserted straight into the database in one batch (no ledger: nothing checks it). */
final class BenchmarkAccounts {

    private BenchmarkAccounts() {
    }

    static List<UUID> open(Connection connection, String owner, long balance, int count) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account "
                + "(id, owner_id, owner_name, currency, balance, created_at) VALUES (?, ?, 'Benchmark', 'USD', ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setString(2, owner);
                insert.setLong(3, balance);
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
            connection.commit();
        }
        return ids;
    }
}
