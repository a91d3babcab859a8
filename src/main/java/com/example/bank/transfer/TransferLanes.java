package com.example.bank.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import com.example.bank.database.AmbiguousCommit;
import com.example.bank.database.SerializationFailure;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Group commit. Each transfer is queued on one of a fixed number of lanes, chosen by the lower of its two
 * account ids; a lane runs one transaction at a time and puts into it every transfer that queued while the
 * previous one ran. Transfers between the same accounts share a lane, so on a hot account they stop
 * conflicting with each other: one row lock and one commit carry many transfers instead of each transfer
 * queueing for the lock, failing with 40001 and retrying. Conflicts that remain (between lanes, or with
 * other replicas) are retried as before, the whole transaction at a time.
 * <p>
 * There are no lane threads: the request threads take turns. A request thread that gets its lane's lock
 * either finds its transfer already done by the previous holder, or runs one transaction for everything
 * queued, its own transfer included. A lone transfer thus runs at once on its own thread, with no hand-off.
 * <p>
 * Each transfer still gets its own answer and ledger row: a rule violation refuses that transfer only. If the
 * shared transaction fails for another reason, each transfer is run again alone, so one bad transfer cannot
 * fail its neighbours. An ambiguous commit is never re-run here (it may have happened); each request then
 * resolves it as {@link TransferService} does for a single transfer.
 */
@Startup
@ApplicationScoped
public class TransferLanes {

    private static final Logger LOG = Logger.getLogger(TransferLanes.class);

    @Inject
    TransferRetry retry;

    @Inject
    TransferMetrics metrics;

    @Inject
    TransferLanesConfig config;

    private final List<Lane> lanes = new ArrayList<>();

    @PostConstruct
    void start() {
        for (int index = 0; index < config.lanes(); index++) {
            lanes.add(new Lane());
        }
        metrics.queued(this, TransferLanes::queued);
    }

    public TransferOutcome transfer(TransferRequest request, Optional<String> idempotencyKey) {
        PendingTransfer pending = new PendingTransfer(request, idempotencyKey);
        Lane lane = laneOf(request);
        lane.queue.add(pending);
        lane.turn.lock();
        try {
            while (!pending.isAnswered()) {
                List<PendingTransfer> batch = new ArrayList<>();
                lane.queue.drainTo(batch, config.batchMaxSize());
                commit(batch);
            }
        } finally {
            lane.turn.unlock();
        }
        return pending.await();
    }

    private Lane laneOf(TransferRequest request) {
        UUID lower = request.fromAccountId().compareTo(request.toAccountId()) <= 0 ? request.fromAccountId()
                : request.toAccountId();
        return lanes.get(Math.floorMod(lower.hashCode(), lanes.size()));
    }

    private int queued() {
        return lanes.stream().mapToInt(lane -> lane.queue.size()).sum();
    }

    private void commit(List<PendingTransfer> batch) {
        metrics.batch(batch.size());
        try {
            List<TransferOutcome> outcomes = retry.transfer(batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1 || AmbiguousCommit.isCauseOf(e) || SerializationFailure.isCauseOf(e)) {
                batch.forEach(pending -> pending.fail(e));
                return;
            }
            LOG.debugf("A transaction of %d transfers failed (%s); running each alone", batch.size(), e);
            batch.forEach(pending -> commit(List.of(pending)));
        } catch (Error e) {
            // Every transfer of the batch must get an answer, or its request would wait forever.
            batch.forEach(pending -> pending.fail(new IllegalStateException("Transfer failed", e)));
            throw e;
        }
    }

    private static final class Lane {
        final BlockingQueue<PendingTransfer> queue = new LinkedBlockingQueue<>();
        /** Held by the request thread whose turn it is to run the lane's transaction. */
        final ReentrantLock turn = new ReentrantLock();
    }
}
