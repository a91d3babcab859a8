package com.example.bank.transfer;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jboss.logging.Logger;

import com.example.bank.database.AmbiguousCommit;
import com.example.bank.database.SerializationFailure;
import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

import io.micrometer.core.instrument.Timer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Makes a transfer at most once, even when the database cannot say whether a commit happened.
 * <p>
 * After an ambiguous commit ({@link AmbiguousCommit}) a blind retry could pay twice. With an idempotency key
 * it cannot: the key was stored in the same transaction as the transfer, so running the request again either
 * finds the key and answers from it (the commit happened) or makes the transfer now (it did not). Without a
 * key the client is told that the outcome is unknown.
 * <p>
 * The answer arrives asynchronously, from the transfer's lane ({@link TransferLanes}); a failed answer carries
 * the exception as thrown, not wrapped.
 */
@ApplicationScoped
public class TransferService {

    private static final Logger LOG = Logger.getLogger(TransferService.class);

    /** Re-runs after ambiguous commits, each of which already went through {@link TransferRetry}'s retries. */
    private static final int AMBIGUOUS_COMMIT_RESOLUTIONS = 2;

    @Inject
    TransferLanes lanes;

    @Inject
    TransferMetrics metrics;

    public CompletableFuture<TransferOutcome> transfer(TransferRequest request, String initiatedBy,
            Optional<String> idempotencyKey) {
        Timer.Sample sample = metrics.start();
        long deadline = lanes.deadlineFromNow();
        return transferAtMostOnce(request, initiatedBy, idempotencyKey, deadline, 0)
                .whenComplete((result, failure) -> metrics.finished(sample, outcome(result, failure)));
    }

    /** A re-run after an ambiguous commit keeps the first run's deadline: it must not start later either. */
    private CompletableFuture<TransferOutcome> transferAtMostOnce(TransferRequest request, String initiatedBy,
            Optional<String> idempotencyKey, long deadline, int resolution) {
        return lanes.transfer(request, initiatedBy, idempotencyKey, deadline).exceptionallyCompose(failure -> {
            Throwable e = unwrapped(failure);
            if (!AmbiguousCommit.isCauseOf(e)) {
                return CompletableFuture.failedFuture(e);
            }
            if (idempotencyKey.isEmpty()) {
                LOG.warnf("Transfer from %s: the commit's outcome is unknown and the request has no idempotency key: %s",
                        request.fromAccountId(), e);
                return CompletableFuture.failedFuture(TransferOutcomeUnknownException.withoutKey(request));
            }
            if (resolution == AMBIGUOUS_COMMIT_RESOLUTIONS) {
                return CompletableFuture.failedFuture(TransferOutcomeUnknownException.withKey());
            }
            LOG.infof("Transfer with idempotency key %s: the commit's outcome is unknown; running it again, "
                    + "which finds the key if the commit happened", idempotencyKey.get());
            return transferAtMostOnce(request, initiatedBy, idempotencyKey, deadline, resolution + 1);
        });
    }

    private static String outcome(TransferOutcome result, Throwable failure) {
        if (result != null) {
            return result.rejection() != null ? result.rejection().problemType().slug
                    : result.replayed() ? TransferMetrics.OUTCOME_REPLAYED : TransferMetrics.OUTCOME_COMPLETED;
        }
        Throwable e = unwrapped(failure);
        if (e instanceof ApiException rejection) {
            return rejection.problemType().slug;
        }
        return SerializationFailure.isCauseOf(e) ? ProblemType.TRANSFER_CONTENTION.slug : TransferMetrics.OUTCOME_ERROR;
    }

    /** A stage that depends on a failed one fails with a CompletionException around the original exception. */
    static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
