package com.example.bank.database;

import java.sql.SQLException;
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
 * Deliberately absent: {@link AmbiguousCommit} errors (the commit may have happened) and constraint
 * violations, which would fail again.
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
        return DatabaseErrors.find(failure, RETRYABLE_SQL_STATES::contains);
    }
}
