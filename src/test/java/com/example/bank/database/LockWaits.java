package com.example.bank.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** Waits, on the database's own evidence, until a transaction queues for a row lock. */
public final class LockWaits {

    private LockWaits() {
    }

    /** {@code observer} is closed afterwards. */
    public static void awaitATransactionWaitingForALock(Connection observer) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        try (observer; PreparedStatement waiting = observer.prepareStatement(waitingTransactions(observer))) {
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet row = waiting.executeQuery()) {
                    row.next();
                    if (row.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("no transaction started waiting for a row lock within 20 s");
    }

    private static String waitingTransactions(Connection observer) throws SQLException {
        return DatabaseKind.of(observer) == DatabaseKind.COCKROACHDB
                ? "SELECT count(*) FROM crdb_internal.cluster_locks WHERE NOT granted AND database_name = current_database()"
                : "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
    }
}
