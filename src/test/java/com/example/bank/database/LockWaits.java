package com.example.bank.database;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** Waits, on the database's own evidence, until a transaction queues for a row lock. */
public final class LockWaits {

    private LockWaits() {
    }

    /** {@code observer} is closed afterwards. */
    public static void awaitATransactionWaitingForALock(Connection observer) throws SQLException {
        try (observer; PreparedStatement waiting = observer.prepareStatement(waitingTransactions(observer))) {
            await("a transaction waiting for a row lock").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                    .until(() -> {
                        try (ResultSet row = waiting.executeQuery()) {
                            row.next();
                            return row.getInt(1) > 0;
                        }
                    });
        }
    }

    private static String waitingTransactions(Connection observer) throws SQLException {
        return DatabaseKind.of(observer) == DatabaseKind.COCKROACHDB
                ? "SELECT count(*) FROM crdb_internal.cluster_locks WHERE NOT granted AND database_name = current_database()"
                : "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
    }
}
