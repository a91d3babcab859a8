package com.example.bank.database;

import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The retry protocol, whole. Every write runs here: one fresh transaction per attempt, run again with
 * exponential backoff while the database reports a conflict, and each failure classified once
 * ({@link TransactionFailure}) into what its caller branches on:
 * <ul>
 * <li>a conflict (a serialization failure or a deadlock) becomes {@link TransactionConflictException}, which
 * {@code @Retry} retries and which answers 503 {@code transfer-contention} when the retries run out;</li>
 * <li>a statement the database stopped for waiting or running too long becomes
 * {@link DatabaseTimeoutException}, not retried (it would wait as long again);</li>
 * <li>an ambiguous commit becomes {@link AmbiguousCommitException}, never retried here (it may have
 * happened);</li>
 * <li>anything else, a broken business rule among them, passes through unchanged, at once.</li>
 * </ul>
 * The retry sits outside the transaction: a serialization failure is often raised by COMMIT, after the work
 * returned, and a transaction that failed can only be rolled back. {@code TxType.NEVER} refuses a call from
 * inside a caller's transaction, where a retry would re-run statements in a transaction the database has
 * already aborted (the transactional interceptor runs before the fault-tolerance one, so that check happens
 * once, before the first attempt).
 * <p>
 * The backoff's values are set once, in {@code application.properties} ({@code BANK_TRANSFER_RETRY_*}); the
 * annotations only name the mechanism.
 */
@ApplicationScoped
public class RetriedTransactions {

    private static final Logger LOG = Logger.getLogger(RetriedTransactions.class);

    private final Counter conflicts;

    RetriedTransactions(MeterRegistry registry) {
        this.conflicts = Counter.builder("bank.transaction.conflicts")
                .description("Transaction attempts refused because they conflicted with another transaction")
                .register(registry);
    }

    @Transactional(TxType.NEVER)
    @Retry(retryOn = TransactionConflictException.class)
    @ExponentialBackoff
    public <T> T inNewTransaction(Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (RuntimeException e) {
            throw classified(e);
        }
    }

    private RuntimeException classified(RuntimeException e) {
        if (e instanceof TransactionConflictException conflict) {
            conflicts.increment(); // raised by the work itself, such as a key another transaction claimed first
            return conflict;
        }
        return switch (TransactionFailure.of(e)) {
            case CONFLICT -> {
                conflicts.increment();
                Throwable conflict = TransactionFailure.conflictBehind(e).orElseThrow();
                LOG.debugf("Transaction conflict, run again while retries are left: %s", conflict);
                yield new TransactionConflictException(conflict);
            }
            case TIMEOUT -> new DatabaseTimeoutException(e);
            case AMBIGUOUS_COMMIT -> new AmbiguousCommitException(e);
            case OTHER -> e;
        };
    }
}
