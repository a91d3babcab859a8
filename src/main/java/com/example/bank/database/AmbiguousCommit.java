package com.example.bank.database;

import java.util.Set;

/**
 * True when the database cannot say whether the transaction committed: re-running it blindly could apply it
 * twice.
 * <ul>
 * <li>{@code 40003} statement_completion_unknown: CockroachDB's "result is ambiguous", e.g. a node failed
 * while the commit was in flight;</li>
 * <li>class {@code 08} connection exceptions: the connection broke, possibly after the COMMIT reached the
 * server and before its answer came back;</li>
 * <li>{@code 57P01}/{@code 57P02} the server was shut down under the connection.</li>
 * </ul>
 * A connection that breaks before COMMIT was sent cannot have committed, but the error does not say which
 * happened, so every such break is treated as ambiguous.
 */
public final class AmbiguousCommit {

    private static final Set<String> SHUTDOWN_SQL_STATES = Set.of("57P01", "57P02");

    private AmbiguousCommit() {
    }

    public static boolean isCauseOf(Throwable failure) {
        return DatabaseErrors.find(failure,
                state -> state.equals("40003") || state.startsWith("08") || SHUTDOWN_SQL_STATES.contains(state))
                .isPresent();
    }
}
