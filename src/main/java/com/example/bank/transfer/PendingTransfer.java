package com.example.bank.transfer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * A transfer request queued on a {@link TransferLanes} lane for the transaction that will carry it, and the
 * answer its HTTP request waits for.
 * <p>
 * It keeps its request's logging context (request id, idempotency key): the lane's thread runs it, and the
 * code that reacts to its answer, in that context, so their log lines name the request. It keeps its
 * request's trace too, and the span of its wait in the queue ({@link TransferSpans}).
 */
public final class PendingTransfer {

    private final TransferRequest request;
    private final String initiatedBy;
    private final Optional<String> idempotencyKey;
    private final long deadlineNanos;
    private final Map<String, Object> logContext = MDC.getMap();
    private final Context requestContext = Context.current();
    private final Span queued;
    private boolean taken;
    private final CompletableFuture<TransferOutcome> answer = new CompletableFuture<>();

    /**
     * {@code deadlineNanos}: {@link System#nanoTime()} after which it must not start; {@code queued}: the span
     * of its wait, ended when a transaction takes it or it is answered without one.
     */
    PendingTransfer(TransferRequest request, String initiatedBy, Optional<String> idempotencyKey, long deadlineNanos,
            Span queued) {
        this.request = request;
        this.initiatedBy = initiatedBy;
        this.deadlineNanos = deadlineNanos;
        this.idempotencyKey = idempotencyKey;
        this.queued = queued;
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

    Context requestContext() {
        return requestContext;
    }

    SpanContext queuedSpanContext() {
        return queued.getSpanContext();
    }

    /** Its wait is over: {@code batch} took it. Only the first transaction that takes it ends the wait. */
    void takenBy(Span batch) {
        if (!taken) {
            taken = true;
            queued.addLink(batch.getSpanContext());
            queued.end();
        }
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

    /** Also for a transfer that no transaction took (queue full, past its deadline, shutting down). */
    void fail(Throwable failure) {
        if (!taken) {
            taken = true;
            queued.end();
        }
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
