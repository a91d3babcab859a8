package com.example.bank.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import org.jboss.logging.Logger;

import com.example.bank.database.AmbiguousCommitException;
import com.example.bank.database.RetriedTransactions;
import com.example.bank.operations.ServiceShuttingDownException;

import io.micrometer.core.instrument.Gauge;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Group commit. Each transfer is queued on one of a fixed number of lanes, chosen by the lower of its two
 * account ids; a lane runs one transaction at a time and puts into it every transfer that queued while the
 * previous one ran. Transfers between the same accounts share a lane, so on a hot account they stop
 * conflicting with each other: one row lock and one commit carry many transfers instead of each transfer
 * queueing for the lock, failing with a serialization failure and retrying. Conflicts that remain (between
 * lanes, or with other replicas) are retried by {@link RetriedTransactions}, the whole transaction at a time.
 * <p>
 * Each lane has one thread, which runs its transactions. Requests hold no thread while they wait: the HTTP
 * layer reads and validates a request on its event loop, queues the transfer here and writes the answer when
 * the lane completes it. (With a worker thread per request, waking those threads, and handing request bodies
 * and answers between them and the event loop, cost more CPU than the transactions.)
 * <p>
 * Each transfer still gets its own answer and ledger row: a rule violation refuses that transfer only. If the
 * shared transaction fails for another reason, its retries against serialization failures included, each
 * transfer is run again alone (within its deadline), so one bad or conflicting transfer cannot fail its
 * neighbours. An ambiguous commit is never re-run here (it may have happened); each request then
 * resolves it as {@link AtMostOnceTransfers} does for a single transfer.
 */
@Startup
@ApplicationScoped
public class TransferLanes {

    private static final Logger LOG = Logger.getLogger(TransferLanes.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Queued by stop(): a lane's thread may be waiting for the next transfer. */
    private static final PendingTransfer STOP = new PendingTransfer(null, null, Optional.empty(), 0, Span.getInvalid());

    @Inject
    RetriedTransactions transactions;

    @Inject
    TransferTransaction transaction;

    @Inject
    TransferMetrics metrics;

    @Inject
    TransferLanesConfig config;

    @Inject
    TransferSpans spans;

    private final List<Lane> lanes = new ArrayList<>();
    private Gauge queuedGauge;

    @PostConstruct
    void start() {
        TransferLanesConfig.checkRanges(config);
        for (int index = 0; index < config.lanes(); index++) {
            lanes.add(new Lane(index));
        }
        // A gauge left registered would keep reading this instance's queues after a dev-mode reload or a test
        // restart, while the new instance's gauge of the same name would never be registered: stop() removes it.
        queuedGauge = metrics.queued(this, TransferLanes::queued);
    }

    /**
     * Runs after the HTTP server has finished the requests in flight (quarkus.shutdown.timeout), so the lanes
     * are normally empty by now; anything still queued is failed rather than left waiting.
     */
    @PreDestroy
    void stop() {
        metrics.remove(queuedGauge);
        lanes.forEach(Lane::stop);
    }

    /** When a transfer arriving now must have started: see {@link TransferLanesConfig#deadline()}. */
    public long deadlineFromNow() {
        return System.nanoTime() + config.deadline().toNanos();
    }

    /**
     * Queues the transfer on its lane, unless the lane is full; the answer completes on the lane's thread.
     * {@code deadlineNanos} (from {@link #deadlineFromNow()}) is when it must have started at the latest.
     */
    public CompletableFuture<TransferOutcome> enqueue(TransferRequest request, String initiatedBy,
            Optional<String> idempotencyKey, long deadlineNanos) {
        Lane lane = laneOf(request);
        PendingTransfer pending = new PendingTransfer(request, initiatedBy, idempotencyKey, deadlineNanos,
                spans.queued(lane.index));
        if (!lane.queue.offer(pending)) {
            pending.fail(new TransferQueueFullException());
        }
        return pending.answer();
    }

    private Lane laneOf(TransferRequest request) {
        UUID lower = request.fromAccountId().compareTo(request.toAccountId()) <= 0 ? request.fromAccountId()
                : request.toAccountId();
        return lanes.get(Math.floorMod(lower.hashCode(), lanes.size()));
    }

    int queued() {
        return lanes.stream().mapToInt(lane -> lane.queue.size()).sum();
    }

    /** How long the lane that has been busy longest with its current batch has been at it (zero if all are idle). */
    Duration longestBusy() {
        long now = System.nanoTime();
        return Duration.ofNanos(lanes.stream().mapToLong(lane -> lane.busySince(now)).max().orElse(0));
    }

    private void commit(List<PendingTransfer> batch, int lane) {
        boolean runEachAlone;
        Span span = spans.batch(batch, lane);
        try (Scope scope = span.makeCurrent()) {
            runEachAlone = commitTogether(batch, span);
        } finally {
            span.end();
        }
        if (runEachAlone) {
            batch.forEach(pending -> pending.inLogContext(() -> commitUnlessPastDeadline(List.of(pending), lane)));
        }
    }

    /** Answers every transfer of the batch, unless it must be run again a transfer at a time: then true. */
    private boolean commitTogether(List<PendingTransfer> batch, Span span) {
        try {
            TransferTransaction.KeyLookup keys = new TransferTransaction.KeyLookup();
            List<TransferOutcome> outcomes = transactions.inNewTransaction(() -> transaction.apply(batch, keys));
            // Committed transactions only: a batch that failed and is re-run a transfer at a time is counted
            // by those runs, not once more for the attempt that failed.
            metrics.batch(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer(outcomes.get(i));
            }
            return false;
        } catch (AmbiguousCommitException e) {
            span.setStatus(StatusCode.ERROR, "commit outcome unknown");
            batch.forEach(pending -> pending.fail(e));
            return false;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            if (batch.size() == 1) {
                batch.forEach(pending -> pending.fail(e));
                return false;
            }
            LOG.debugf("A transaction of %d transfers failed (%s); running each alone", batch.size(), e);
            span.setAttribute(TransferSpans.RUN_EACH_ALONE, true);
            return true;
        } catch (Error e) {
            // Every transfer of the batch must get an answer, or its request would wait forever; and the lane's
            // thread must live on, or its queue would never be served again.
            LOG.error("A transfer transaction failed", e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            batch.forEach(pending -> pending.fail(new IllegalStateException("Transfer failed", e)));
            return false;
        }
    }

    /** Refuses the transfers past their deadline, then commits the others. */
    private void commitUnlessPastDeadline(List<PendingTransfer> batch, int lane) {
        List<PendingTransfer> inTime = new ArrayList<>(batch.size());
        for (PendingTransfer pending : batch) {
            if (pending.isPastDeadline()) {
                pending.fail(new TransferDeadlineExceededException());
            } else {
                inTime.add(pending);
            }
        }
        if (!inTime.isEmpty()) {
            inTime.get(0).inLogContext(() -> commit(inTime, lane));
        }
    }

    private final class Lane {
        final BlockingQueue<PendingTransfer> queue = new LinkedBlockingQueue<>(config.queueMaxSize());
        final int index;
        private final Thread thread;
        /** {@link System#nanoTime()} when the batch being run started; 0 while idle. */
        private volatile long batchStartedNanos;

        Lane(int index) {
            this.index = index;
            thread = new Thread(this::run, "transfer-lane-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        /** One transaction at a time, for the transfers queued when it starts (the first one it waited for included). */
        private void run() {
            List<PendingTransfer> batch = new ArrayList<>(config.batchMaxSize());
            while (true) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    break;
                }
                queue.drainTo(batch, config.batchMaxSize() - 1);
                boolean stopping = batch.remove(STOP);
                if (!batch.isEmpty()) {
                    batchStartedNanos = System.nanoTime();
                    try {
                        commitUnlessPastDeadline(batch, index);
                    } finally {
                        batchStartedNanos = 0;
                    }
                }
                batch.clear();
                if (stopping) {
                    break;
                }
            }
            for (PendingTransfer left = queue.poll(); left != null; left = queue.poll()) {
                if (left != STOP) {
                    // Nothing of it ran: the client may send it again, to another instance.
                    left.fail(new ServiceShuttingDownException());
                }
            }
        }

        long busySince(long now) {
            long started = batchStartedNanos;
            return started == 0 ? 0 : now - started;
        }

        void stop() {
            if (!queue.offer(STOP)) {
                thread.interrupt(); // full: it is not waiting for the next transfer, and stops after this batch
            }
            try {
                thread.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
