package com.example.bank.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import com.example.bank.database.AmbiguousCommit;
import com.example.bank.database.SerializationFailure;

import io.quarkus.runtime.Startup;
import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
 * There are no lane threads: the request threads take turns. A request thread whose transfer is still queued
 * when the lane is free runs one transaction for everything queued, its own transfer included; one whose
 * transfer was carried by another thread's turn returns as soon as that turn ends. A lone transfer thus runs
 * at once on its own thread, with no hand-off.
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
    private Gauge queuedGauge;

    @PostConstruct
    void start() {
        for (int index = 0; index < config.lanes(); index++) {
            lanes.add(new Lane());
        }
        queuedGauge = metrics.queued(this, TransferLanes::queued);
    }

    /**
     * A gauge left registered would keep reading this instance's queues after a dev-mode reload or a test
     * restart, while the new instance's gauge of the same name would never be registered.
     */
    @PreDestroy
    void stop() {
        metrics.remove(queuedGauge);
    }

    public TransferOutcome transfer(TransferRequest request, Optional<String> idempotencyKey) {
        PendingTransfer pending = new PendingTransfer(request, idempotencyKey);
        Lane lane = laneOf(request);
        lane.queue.add(pending);
        if (lane.awaitTurnUnlessAnswered(pending)) {
            try {
                while (!pending.isAnswered()) {
                    List<PendingTransfer> batch = new ArrayList<>();
                    lane.queue.drainTo(batch, config.batchMaxSize());
                    commit(batch);
                }
            } finally {
                lane.endTurn();
            }
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
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition turnEnded = lock.newCondition();
        /** Whether a request thread is running the lane's transaction. */
        private boolean busy;

        /**
         * Waits until the lane is free, and takes it (true), or until another thread's transaction has answered
         * {@code pending} (false): a transfer answered by one turn does not wait for the next one.
         */
        boolean awaitTurnUnlessAnswered(PendingTransfer pending) {
            lock.lock();
            try {
                while (busy) {
                    if (pending.isAnswered()) {
                        return false;
                    }
                    turnEnded.awaitUninterruptibly();
                }
                if (pending.isAnswered()) {
                    return false;
                }
                busy = true;
                return true;
            } finally {
                lock.unlock();
            }
        }

        void endTurn() {
            lock.lock();
            try {
                busy = false;
                turnEnded.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
