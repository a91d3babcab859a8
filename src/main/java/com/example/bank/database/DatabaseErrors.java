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
 * Finds the database's own error inside whatever the persistence stack wrapped it in.
 * <p>
 * The SQL error sits at different depths depending on where it was raised. From a statement it is a cause a
 * few levels down ({@code PessimisticLockException -> LockAcquisitionException -> PSQLException}). From the
 * COMMIT itself, Narayana throws a {@code RollbackException} without a cause and attaches the driver's error
 * to a suppressed {@code XAException}. So the whole graph of causes, suppressed and chained exceptions is
 * searched.
 */
final class DatabaseErrors {

    private DatabaseErrors() {
    }

    static Optional<SQLException> find(Throwable failure, Predicate<String> sqlState) {
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
