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
 * True when the database refused a transaction only because it conflicted with another one, so running
 * the whole transaction again is safe and likely to succeed:
 * <ul>
 * <li>{@code 40001} serialization_failure: CockroachDB's "restart transaction" errors, PostgreSQL's
 * SERIALIZABLE conflicts;</li>
 * <li>{@code 40P01} deadlock_detected: PostgreSQL's name for a conflict CockroachDB reports as 40001.</li>
 * </ul>
 * Deliberately absent: {@code 40003} (statement completion unknown: the commit may have happened) and
 * constraint violations, which would fail again.
 * <p>
 * The SQL error sits at different depths depending on where it was raised. From a statement it is a cause a
 * few levels down ({@code PessimisticLockException -> LockAcquisitionException -> PSQLException}). From the
 * COMMIT itself, Narayana throws a {@code RollbackException} without a cause and attaches the driver's error
 * to a suppressed {@code XAException}. So the whole graph of causes and suppressed exceptions is searched.
 */
public class SerializationFailure implements Predicate<Throwable> {

    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("40001", "40P01");

    @Override
    public boolean test(Throwable failure) {
        return isCauseOf(failure);
    }

    public static boolean isCauseOf(Throwable failure) {
        return find(failure).isPresent();
    }

    /** The database's retryable error behind {@code failure}, if there is one. */
    public static Optional<SQLException> find(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (current instanceof SQLException sql && sql.getSQLState() != null
                    && RETRYABLE_SQL_STATES.contains(sql.getSQLState())) {
                return Optional.of(sql);
            }
            if (current.getCause() != null) {
                pending.push(current.getCause());
            }
            if (current instanceof SQLException sql && sql.getNextException() != null) {
                pending.push(sql.getNextException());
            }
            for (Throwable suppressed : current.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return Optional.empty();
    }
}
