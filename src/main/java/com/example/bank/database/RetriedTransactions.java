package com.example.bank.database;

import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import com.example.bank.problem.ApiException;
import com.example.bank.tracing.ChildSpan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
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
 * The backoff's values are set once, in {@code application.properties} ({@code BANK_RETRY_*}); the
 * annotations only name the mechanism.
 * <p>
 * Each attempt is a {@code transaction} span, a child of the caller's span (a lane's batch, a request), with
 * its number and, when it failed, the SQLSTATE and what it was taken for; the SQL statements of the attempt
 * are its children.
 */
@ApplicationScoped
public class RetriedTransactions {

    private static final Logger LOG = Logger.getLogger(RetriedTransactions.class);

    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("bank.transaction.attempt");
    public static final AttributeKey<String> FAILURE = AttributeKey.stringKey("bank.transaction.failure");
    /** OpenTelemetry's name for a database's error code: the SQLSTATE. */
    public static final AttributeKey<String> SQL_STATE = AttributeKey.stringKey("db.response.status_code");

    /**
     * The attempts of a call run one after the other on the caller's thread (a synchronous {@code @Retry}), so
     * the number of the current one is the thread's: {@link NextAttemptIsARetry} marks the next run as a retry.
     */
    private static final ThreadLocal<AttemptCount> ATTEMPTS = ThreadLocal.withInitial(AttemptCount::new);

    private final Counter conflicts;
    private final Tracer tracer;

    RetriedTransactions(MeterRegistry registry, Tracer tracer) {
        this.conflicts = Counter.builder("bank.transaction.conflicts")
                .description("Transaction attempts refused because they conflicted with another transaction")
                .register(registry);
        this.tracer = tracer;
    }

    @Transactional(TxType.NEVER)
    @Retry(retryOn = TransactionConflictException.class)
    @ExponentialBackoff
    @BeforeRetry(RetriedTransactions.NextAttemptIsARetry.class)
    public <T> T inNewTransaction(Supplier<T> work) {
        long number = ATTEMPTS.get().start();
        Span attempt = ChildSpan.start(Context.current(),
                () -> tracer.spanBuilder("transaction").setAttribute(ATTEMPT, number));
        try (Scope scope = attempt.makeCurrent()) {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (RuntimeException e) {
            RuntimeException classified = classified(e);
            describeFailure(attempt, e, classified);
            throw classified;
        } finally {
            attempt.end();
        }
    }


    /**
     * What the attempt's failure was taken for, with the database's SQLSTATE when it gave one. A refused
     * business rule is an answer, not a failure of the transaction: the span is not marked an error for it.
     */
    private static void describeFailure(Span attempt, RuntimeException failure, RuntimeException classified) {
        TransactionFailure.sqlStateBehind(failure).ifPresent(state -> attempt.setAttribute(SQL_STATE, state));
        String kind;
        if (classified instanceof TransactionConflictException) {
            kind = "conflict";
        } else if (classified instanceof DatabaseTimeoutException) {
            kind = "timeout";
        } else if (classified instanceof AmbiguousCommitException) {
            kind = "ambiguous_commit";
        } else if (classified instanceof ApiException) {
            attempt.setAttribute(FAILURE, "rejected");
            return;
        } else {
            kind = "other";
        }
        attempt.setAttribute(FAILURE, kind);
        attempt.setStatus(StatusCode.ERROR, classified.getClass().getSimpleName());
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

    /** Called by {@code @Retry} before each retry, on the thread that runs it. */
    @Dependent
    public static class NextAttemptIsARetry implements BeforeRetryHandler {
        @Override
        public void handle(ExecutionContext context) {
            ATTEMPTS.get().retrying = true;
        }
    }

    private static final class AttemptCount {
        private int current;
        private boolean retrying;

        /** The number of the attempt starting now: 1, unless it is a retry of the previous one. */
        int start() {
            current = retrying ? current + 1 : 1;
            retrying = false;
            return current;
        }
    }
}
