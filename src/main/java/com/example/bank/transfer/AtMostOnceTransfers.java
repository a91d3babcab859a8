package com.example.bank.transfer;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jboss.logging.Logger;

import com.example.bank.database.AmbiguousCommitException;
import com.example.bank.problem.ApiException;

import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where a transfer request enters: it makes the transfer at most once, and exactly once with an idempotency
 * key, even when the database cannot say whether a commit happened.
 * <p>
 * After an ambiguous commit ({@link AmbiguousCommitException}) a blind retry could pay twice. With an
 * idempotency key it cannot: the key was stored in the same transaction as the transfer, so running the
 * request again either finds the key and answers from it (the commit happened) or makes the transfer now (it
 * did not). Without a key the client is told that the outcome is unknown.
 * <p>
 * The answer arrives asynchronously, from the transfer's lane ({@link TransferLanes}); a failed answer carries
 * the exception as thrown, not wrapped. The request's span is given what the transfer came to, whether it was
 * a replay, and how many times an ambiguous commit made it run again.
 */
@ApplicationScoped
public class AtMostOnceTransfers {

    private static final Logger LOG = Logger.getLogger(AtMostOnceTransfers.class);

    /** Re-runs after ambiguous commits, each of which already went through the conflict retries. */
    private static final int AMBIGUOUS_COMMIT_RESOLUTIONS = 2;

    @Inject
    TransferLanes lanes;

    @Inject
    TransferMetrics metrics;

    public CompletableFuture<TransferOutcome> submit(TransferRequest request, String initiatedBy,
            Optional<String> idempotencyKey) {
        Timer.Sample sample = metrics.start();
        long deadline = lanes.deadlineFromNow();
        Context requestContext = Context.current();
        return submit(request, initiatedBy, idempotencyKey, deadline, requestContext, 0)
                .whenComplete((result, failure) -> {
                    String outcome = outcome(result, failure);
                    metrics.finished(sample, outcome);
                    Span span = Span.fromContext(requestContext);
                    span.setAttribute(TransferSpans.OUTCOME, outcome);
                    span.setAttribute(TransferSpans.REPLAYED, result != null && result.replayed());
                });
    }

    /**
     * A re-run after an ambiguous commit keeps the first run's deadline (it must not start later either) and is
     * queued in the request's trace: it is called back from the lane's thread.
     */
    private CompletableFuture<TransferOutcome> submit(TransferRequest request, String initiatedBy,
            Optional<String> idempotencyKey, long deadline, Context requestContext, int resolution) {
        CompletableFuture<TransferOutcome> answer;
        try (Scope scope = requestContext.makeCurrent()) {
            answer = lanes.enqueue(request, initiatedBy, idempotencyKey, deadline);
        }
        return answer.exceptionallyCompose(failure -> {
            Throwable e = unwrapped(failure);
            if (!(e instanceof AmbiguousCommitException)) {
                return CompletableFuture.failedFuture(e);
            }
            if (idempotencyKey.isEmpty()) {
                LOG.warnf("Transfer from %s: the commit's outcome is unknown and the request has no idempotency key: %s",
                        request.fromAccountId(), e.getCause());
                return CompletableFuture.failedFuture(TransferOutcomeUnknownException.withoutKey(request));
            }
            if (resolution == AMBIGUOUS_COMMIT_RESOLUTIONS) {
                return CompletableFuture.failedFuture(TransferOutcomeUnknownException.withKey());
            }
            LOG.infof("Transfer with idempotency key %s: the commit's outcome is unknown; running it again, "
                    + "which finds the key if the commit happened", idempotencyKey.get());
            Span.fromContext(requestContext).setAttribute(TransferSpans.AMBIGUOUS_COMMIT_RESOLUTIONS, resolution + 1L);
            return submit(request, initiatedBy, idempotencyKey, deadline, requestContext, resolution + 1);
        });
    }

    private static String outcome(TransferOutcome result, Throwable failure) {
        if (result instanceof TransferOutcome.Rejected rejected) {
            return rejected.rejection().problemType().slug;
        }
        if (result != null) {
            return result.replayed() ? TransferMetrics.OUTCOME_REPLAYED : TransferMetrics.OUTCOME_COMPLETED;
        }
        return unwrapped(failure) instanceof ApiException refusal ? refusal.problemType().slug
                : TransferMetrics.OUTCOME_ERROR;
    }

    /** A stage that depends on a failed one fails with a CompletionException around the original exception. */
    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
