package com.example.bank.transfer;

import java.util.Optional;

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

    public TransferOutcome transfer(TransferRequest request, Optional<String> idempotencyKey) {
        Timer.Sample sample = metrics.start();
        String outcome = TransferMetrics.OUTCOME_ERROR;
        try {
            TransferOutcome result = transferAtMostOnce(request, idempotencyKey);
            outcome = result.rejection() != null ? result.rejection().problemType().slug
                    : result.replayed() ? TransferMetrics.OUTCOME_REPLAYED : TransferMetrics.OUTCOME_COMPLETED;
            return result;
        } catch (ApiException e) {
            outcome = e.problemType().slug;
            throw e;
        } catch (RuntimeException e) {
            if (SerializationFailure.isCauseOf(e)) {
                outcome = ProblemType.TRANSFER_CONTENTION.slug;
            }
            throw e;
        } finally {
            metrics.finished(sample, outcome);
        }
    }

    private TransferOutcome transferAtMostOnce(TransferRequest request, Optional<String> idempotencyKey) {
        for (int resolution = 0;; resolution++) {
            try {
                return lanes.transfer(request, idempotencyKey);
            } catch (RuntimeException e) {
                if (!AmbiguousCommit.isCauseOf(e)) {
                    throw e;
                }
                if (idempotencyKey.isEmpty()) {
                    LOG.warnf("Transfer from %s: the commit's outcome is unknown and the request has no idempotency key: %s",
                            request.fromAccountId(), e);
                    throw TransferOutcomeUnknownException.withoutKey(request);
                }
                if (resolution == AMBIGUOUS_COMMIT_RESOLUTIONS) {
                    throw TransferOutcomeUnknownException.withKey();
                }
                LOG.infof("Transfer with idempotency key %s: the commit's outcome is unknown; running it again, "
                        + "which finds the key if the commit happened", idempotencyKey.get());
            }
        }
    }
}
