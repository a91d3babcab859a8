package com.example.bank.idempotency;

import java.time.Instant;

import org.jboss.logging.Logger;

import com.example.bank.database.TransactionFailure;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Deletes the key table's rows older than {@code bank.idempotency.retention}: recorded refusals, and the key rows
 * of transfers that versions before ledger ids were derived from keys wrote (a transfer made now is its key's
 * record in the ledger, and is never deleted). Deletes go in small batches, one transaction each, because one
 * huge delete holds locks long and, on CockroachDB, can exceed its limits.
 * <p>
 * Every replica runs it, so two may pick the same batch: under SERIALIZABLE one of them then fails with a
 * serialization failure. That run stops there, says so in one line (not hidden with the routine retried
 * failures), and the next run, on whichever replica, deletes what is left. Nothing is retried at once: the
 * other replica is deleting those very keys.
 */
@ApplicationScoped
public class ExpiredKeyPurge {

    private static final Logger LOG = Logger.getLogger(ExpiredKeyPurge.class);
    static final int BATCH_SIZE = 1000;

    @Inject
    IdempotencyConfig config;

    @Scheduled(every = "${bank.idempotency.purge-interval}", delayed = "${bank.idempotency.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        long deleted = purgeExpired();
        if (deleted > 0) {
            LOG.infof("Deleted %d idempotency keys older than %s", deleted, config.retention());
        }
    }

    /** Returns how many keys this run deleted. */
    public long purgeExpired() {
        Instant cutoff = Instant.now().minus(config.retention());
        long total = 0;
        int deleted;
        do {
            try {
                deleted = QuarkusTransaction.requiringNew().call(() -> deleteBatch(cutoff));
            } catch (RuntimeException e) {
                if (TransactionFailure.of(e) != TransactionFailure.CONFLICT) {
                    throw e;
                }
                LOG.infof("Stopped purging idempotency keys after %d: another instance is deleting the same ones; "
                        + "the next run deletes what is left", total);
                return total;
            }
            total += deleted;
        } while (deleted == BATCH_SIZE);
        return total;
    }

    private static int deleteBatch(Instant cutoff) {
        return RecordedAnswer.getEntityManager()
                .createNativeQuery("DELETE FROM idempotency_key WHERE (subject, idempotency_key) IN "
                        + "(SELECT subject, idempotency_key FROM idempotency_key WHERE created_at < ?1 LIMIT "
                        + BATCH_SIZE + ")")
                .setParameter(1, cutoff)
                .executeUpdate();
    }
}
