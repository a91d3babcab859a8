package com.example.bank.transfer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.MDC;

/**
 * A transfer request queued on a {@link TransferLanes} lane for the transaction that will carry it, and the
 * answer its HTTP request waits for.
 * <p>
 * It keeps its request's logging context (request id, idempotency key): the lane's thread runs it, and the
 * code that reacts to its answer, in that context, so their log lines name the request.
 */
public final class PendingTransfer {

    private final TransferRequest request;
    private final String initiatedBy;
    private final Optional<String> idempotencyKey;
    private final long deadlineNanos;
    private final Map<String, Object> logContext = MDC.getMap();
    private final CompletableFuture<TransferOutcome> answer = new CompletableFuture<>();

    /** {@code deadlineNanos}: {@link System#nanoTime()} after which it must not start. */
    PendingTransfer(TransferRequest request, String initiatedBy, Optional<String> idempotencyKey, long deadlineNanos) {
        this.request = request;
        this.initiatedBy = initiatedBy;
        this.deadlineNanos = deadlineNanos;
        this.idempotencyKey = idempotencyKey;
    }

    public TransferRequest request() {
        return request;
    }

    /** The subject of the caller's token: it must own the source account, and it scopes the idempotency key. */
    public String initiatedBy() {
        return initiatedBy;
    }

    public Optional<String> idempotencyKey() {
        return idempotencyKey;
    }

    boolean isPastDeadline() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    CompletableFuture<TransferOutcome> answer() {
        return answer;
    }

    void answer(TransferOutcome outcome) {
        inLogContext(() -> answer.complete(outcome));
    }

    void fail(Throwable failure) {
        inLogContext(() -> answer.completeExceptionally(failure));
    }

    /** Runs {@code action} on this thread with this transfer's logging context, then restores the thread's. */
    void inLogContext(Runnable action) {
        Map<String, Object> threadContext = MDC.getMap();
        MDC.clear();
        logContext.forEach(MDC::put);
        try {
            action.run();
        } finally {
            MDC.clear();
            threadContext.forEach(MDC::put);
        }
    }
}
