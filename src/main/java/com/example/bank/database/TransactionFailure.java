package com.example.bank.database;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a failed transaction means for running it again, decided from the database's SQLSTATE. The only class
 * that reads SQLSTATEs; everything else branches on this, or on the exceptions {@link RetriedTransactions}
 * turns it into.
 * <ul>
 * <li>{@link #CONFLICT}: the database refused the transaction only because it conflicted with another one;
 * nothing was written, and running it again is safe and likely to succeed. {@code 40001}
 * serialization_failure (CockroachDB's "restart transaction", PostgreSQL's SERIALIZABLE conflicts) and
 * {@code 40P01} deadlock_detected (PostgreSQL's name for a conflict CockroachDB reports as 40001).</li>
 * <li>{@link #TIMEOUT}: the database stopped a statement that waited for a lock or ran for longer than
 * {@link DatabaseSessionConfig} allows, and rolled the transaction back: {@code 55P03} lock_not_available,
 * {@code 57014} query_canceled. Not retried: the next attempt would wait as long again.</li>
 * <li>{@link #AMBIGUOUS_COMMIT}: the database cannot say whether the transaction committed, so running it
 * again blindly could apply it twice. {@code 40003} statement_completion_unknown (CockroachDB's "result is
 * ambiguous"), class {@code 08} connection exceptions (the connection broke, possibly after COMMIT reached the
 * server), {@code 57P01}/{@code 57P02} (the server shut down under the connection). A connection that breaks
 * before COMMIT was sent cannot have committed, but the error does not say which happened.</li>
 * <li>{@link #OTHER}: anything else, constraint violations included: running it again would fail again.</li>
 * </ul>
 */
public enum TransactionFailure {
    CONFLICT, TIMEOUT, AMBIGUOUS_COMMIT, OTHER;

    private static final Set<String> CONFLICT_SQL_STATES = Set.of("40001", "40P01");
    private static final Set<String> TIMEOUT_SQL_STATES = Set.of("55P03", "57014");
    private static final Set<String> AMBIGUOUS_SQL_STATES = Set.of("40003", "57P01", "57P02");
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    /** Conflicts and timeouts first: one reported on a connection that then broke was still rolled back. */
    public static TransactionFailure of(Throwable failure) {
        if (conflictBehind(failure).isPresent()) {
            return CONFLICT;
        }
        if (find(failure, TIMEOUT_SQL_STATES::contains).isPresent()) {
            return TIMEOUT;
        }
        return find(failure, TransactionFailure::ambiguous).isPresent() ? AMBIGUOUS_COMMIT : OTHER;
    }

    /** The database's conflict error behind {@code failure}, for a log line that names it. */
    public static Optional<SQLException> conflictBehind(Throwable failure) {
        return find(failure, CONFLICT_SQL_STATES::contains);
    }

    /** The SQLSTATE the database answered with, if the failure came from it: for traces and logs. */
    public static Optional<String> sqlStateBehind(Throwable failure) {
        return find(failure, state -> true).map(SQLException::getSQLState);
    }

    private static boolean ambiguous(String state) {
        return AMBIGUOUS_SQL_STATES.contains(state) || state.startsWith(CONNECTION_EXCEPTION_CLASS);
    }

    /**
     * The SQL error sits at different depths depending on where it was raised. From a statement it is a cause
     * a few levels down ({@code PessimisticLockException -> LockAcquisitionException -> PSQLException}). From the
     * COMMIT itself, Narayana throws a {@code RollbackException} without a cause and attaches the driver's error
     * to a suppressed {@code XAException}. So the whole graph of causes, suppressed and chained exceptions is
     * searched.
     */
    private static Optional<SQLException> find(Throwable failure, Predicate<String> sqlState) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (current instanceof SQLException sql) {
                if (sql.getSQLState() != null && sqlState.test(sql.getSQLState())) {
                    return Optional.of(sql);
                }
                if (sql.getNextException() != null) {
                    pending.push(sql.getNextException());
                }
            }
            if (current.getCause() != null) {
                pending.push(current.getCause());
            }
            for (Throwable suppressed : current.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return Optional.empty();
    }
}
