package com.example.bank.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;

import javax.transaction.xa.XAException;

import org.junit.jupiter.api.Test;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;

/**
 * The shapes in which the database's error reaches the classification. The end-to-end proof that they occur
 * and are retried is {@code TransferRetryTest}, against the real database; this pins down the graph walk.
 */
class TransactionFailureTest {

    @Test
    void findsTheErrorSeveralCausesDown() {
        SQLException database = new SQLException("could not serialize access", "40001");
        PersistenceException failure = new PersistenceException("lock", new RuntimeException("jdbc", database));

        assertEquals(TransactionFailure.CONFLICT, TransactionFailure.of(failure));
    }

    /** A failed COMMIT: Narayana's RollbackException has no cause; the driver's error hangs off a suppressed XAException. */
    @Test
    void findsTheErrorBehindASuppressedException() {
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("restart transaction: TransactionRetryWithProtoRefreshError", "40001"));
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(xa);

        assertEquals(TransactionFailure.CONFLICT, TransactionFailure.of(new RuntimeException("Error invoking subclass method", commit)));
    }

    @Test
    void treatsAPostgresDeadlockAsRetryable() {
        assertEquals(TransactionFailure.CONFLICT, TransactionFailure.of(new SQLException("deadlock detected", "40P01")));
    }

    @Test
    void findsTheErrorInTheNextExceptionOfABatch() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "40001");
        SQLException wrapper = new SQLException("batch failed", "XX000");
        wrapper.setNextException(batch);

        assertEquals(TransactionFailure.CONFLICT, TransactionFailure.of(wrapper));
    }

    @Test
    void tellsAmbiguousCommitsApart() {
        assertEquals(TransactionFailure.AMBIGUOUS_COMMIT, TransactionFailure.of(new SQLException("result is ambiguous", "40003")));
        assertEquals(TransactionFailure.AMBIGUOUS_COMMIT, TransactionFailure.of(
                new RuntimeException("commit", new SQLException("An I/O error occurred while sending to the backend.", "08006"))));
        assertEquals(TransactionFailure.AMBIGUOUS_COMMIT, TransactionFailure.of(
                new SQLException("terminating connection due to administrator command", "57P01")));
    }

    @Test
    void tellsTimeoutsApart() {
        assertEquals(TransactionFailure.TIMEOUT, TransactionFailure.of(
                new RuntimeException("lock", new SQLException("canceling statement due to lock timeout", "55P03"))));
        assertEquals(TransactionFailure.TIMEOUT, TransactionFailure.of(
                new SQLException("canceling statement due to statement timeout", "57014")));
    }

    /** The conflict was reported, so that transaction was rolled back, whatever happened to the connection next. */
    @Test
    void aConflictOnABrokenConnectionIsStillAConflict() {
        SQLException conflict = new SQLException("could not serialize access", "40001");
        conflict.setNextException(new SQLException("connection closed", "08003"));

        assertEquals(TransactionFailure.CONFLICT, TransactionFailure.of(conflict));
    }

    @Test
    void neverRetriesOtherErrors() {
        assertEquals(TransactionFailure.OTHER, TransactionFailure.of(new SQLException("check constraint violated", "23514")));
        assertEquals(TransactionFailure.OTHER, TransactionFailure.of(new SQLException("no state")));
        assertEquals(TransactionFailure.OTHER, TransactionFailure.of(new IllegalStateException("not from the database")));
    }

    @Test
    void terminatesOnCyclicSuppressedExceptions() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.addSuppressed(second);

        assertEquals(TransactionFailure.OTHER, TransactionFailure.of(first));
    }
}
