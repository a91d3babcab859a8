package com.example.bank.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import javax.transaction.xa.XAException;

import org.junit.jupiter.api.Test;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;

/**
 * The shapes in which the database's error reaches the retry predicate. The end-to-end proof that they occur
 * and are retried is {@code TransferRetryTest}, against the real database; this pins down the graph walk.
 */
class SerializationFailureTest {

    private final SerializationFailure predicate = new SerializationFailure();

    @Test
    void findsTheErrorSeveralCausesDown() {
        SQLException database = new SQLException("could not serialize access", "40001");
        PersistenceException failure = new PersistenceException("lock", new RuntimeException("jdbc", database));

        assertTrue(predicate.test(failure));
    }

    /** A failed COMMIT: Narayana's RollbackException has no cause; the driver's error hangs off a suppressed XAException. */
    @Test
    void findsTheErrorBehindASuppressedException() {
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("restart transaction: TransactionRetryWithProtoRefreshError", "40001"));
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(xa);

        assertTrue(predicate.test(new RuntimeException("Error invoking subclass method", commit)));
    }

    @Test
    void treatsAPostgresDeadlockAsRetryable() {
        assertTrue(predicate.test(new SQLException("deadlock detected", "40P01")));
    }

    @Test
    void findsTheErrorInTheNextExceptionOfABatch() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "40001");
        SQLException wrapper = new SQLException("batch failed", "XX000");
        wrapper.setNextException(batch);

        assertTrue(predicate.test(wrapper));
    }

    @Test
    void neverRetriesOtherErrors() {
        assertFalse(predicate.test(new SQLException("result is ambiguous", "40003")));
        assertFalse(predicate.test(new SQLException("check constraint violated", "23514")));
        assertFalse(predicate.test(new SQLException("no state")));
        assertFalse(predicate.test(new IllegalStateException("not from the database")));
    }

    @Test
    void terminatesOnCyclicSuppressedExceptions() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.addSuppressed(second);

        assertFalse(predicate.test(first));
    }
}
