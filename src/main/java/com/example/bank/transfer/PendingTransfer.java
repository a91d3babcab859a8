package com.example.bank.transfer;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A transfer request queued on a {@link TransferLanes} lane for the transaction that will carry it. */
public final class PendingTransfer {

    private final TransferRequest request;
    private final Optional<String> idempotencyKey;
    private final CompletableFuture<TransferOutcome> answer = new CompletableFuture<>();

    PendingTransfer(TransferRequest request, Optional<String> idempotencyKey) {
        this.request = request;
        this.idempotencyKey = idempotencyKey;
    }

    public TransferRequest request() {
        return request;
    }

    public Optional<String> idempotencyKey() {
        return idempotencyKey;
    }

    boolean isAnswered() {
        return answer.isDone();
    }

    void answer(TransferOutcome outcome) {
        answer.complete(outcome);
    }

    void fail(RuntimeException failure) {
        answer.completeExceptionally(failure);
    }

    /** The answer; only called once {@link #isAnswered()}. */
    TransferOutcome await() {
        try {
            return answer.join();
        } catch (CompletionException e) {
            // The lane's exception, as thrown there, so that callers see the database's error as it was.
            throw (RuntimeException) e.getCause();
        }
    }
}
