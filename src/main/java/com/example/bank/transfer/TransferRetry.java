package com.example.bank.transfer;

import java.util.List;

import org.eclipse.microprofile.faulttolerance.Retry;

import com.example.bank.database.SerializationFailure;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Re-runs the whole transaction (one transfer, or the batch a {@link TransferLanes} lane put together) when
 * the database reports that it conflicted with another one (see {@link RetryableTransferFailure}).
 * <p>
 * The retry must sit outside the transaction: a serialization failure is usually raised by COMMIT, which
 * happens after the transactional method returns, and a transaction that failed can only be rolled back.
 * So this bean retries and {@link TransferTransaction} is the transaction, one fresh one per attempt.
 * {@code TxType.NEVER} makes a call from inside a caller's transaction fail at once: retrying there would
 * re-run statements in a transaction the database has already aborted. (The transactional interceptor runs
 * before the fault-tolerance one, so that check happens once, before the first attempt.)
 * <p>
 * The values below are defaults; each is overridden from configuration, see {@code application.properties}.
 */
@ApplicationScoped
public class TransferRetry {

    @Inject
    TransferTransaction transaction;

    @Inject
    TransferMetrics metrics;

    @Transactional(TxType.NEVER)
    @Retry(maxRetries = 10, delay = 10, jitter = 10, maxDuration = 5000)
    @ExponentialBackoff(factor = 2, maxDelay = 500)
    @RetryWhen(exception = RetryableTransferFailure.class)
    public List<TransferOutcome> transfer(List<PendingTransfer> batch) {
        try {
            return transaction.execute(batch);
        } catch (RuntimeException e) {
            // The transaction, commit included, has ended here: every serialization failure passes this point.
            if (SerializationFailure.isCauseOf(e)) {
                metrics.serializationFailure();
            }
            throw e;
        }
    }
}
