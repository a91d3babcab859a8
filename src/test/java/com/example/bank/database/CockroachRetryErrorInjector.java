package com.example.bank.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.inject.Singleton;

/**
 * CockroachDB's own retry-error injection, applied to the service's connections as the pool hands them out:
 * {@code inject_retry_errors_enabled} fails the transaction's statements, {@code
 * inject_retry_errors_on_commit_enabled} fails its COMMIT, each with 40001 "restart transaction". Each attempt
 * of a transfer is a fresh transaction on a connection taken from the pool, so arming this for n acquisitions
 * fails the next n attempts.
 * <p>
 * Inert until armed, and on PostgreSQL never armed (those variables do not exist there).
 */
@Singleton
public class CockroachRetryErrorInjector implements AgroalPoolInterceptor {

    private static final String ON_STATEMENTS = "inject_retry_errors_enabled";
    private static final String ON_COMMIT = "inject_retry_errors_on_commit_enabled";

    /** Null until first armed; from then on every acquisition sets both variables, on or off. */
    private volatile String variable;
    private volatile boolean armed;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicLong acquisitions = new AtomicLong();

    void arm(InjectedFailure.At at, int failures) {
        acquisitions.set(0);
        failuresLeft.set(failures);
        variable = at == InjectedFailure.At.COMMIT ? ON_COMMIT : ON_STATEMENTS;
        armed = true;
    }

    void disarm() {
        armed = false;
        failuresLeft.set(0);
    }

    long acquisitionsWhileArmed() {
        return acquisitions.get();
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        String failing = variable;
        if (failing == null) {
            return;
        }
        boolean fail = false;
        if (armed) {
            acquisitions.incrementAndGet();
            fail = failuresLeft.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
        }
        // A connection that an earlier acquisition switched on is switched off again here.
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET " + ON_STATEMENTS + " = " + (fail && failing.equals(ON_STATEMENTS)));
            statement.execute("SET " + ON_COMMIT + " = " + (fail && failing.equals(ON_COMMIT)));
        } catch (SQLException e) {
            throw new IllegalStateException("could not set CockroachDB's retry-error injection", e);
        }
    }
}
