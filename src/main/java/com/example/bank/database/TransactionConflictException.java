package com.example.bank.database;

import java.util.OptionalInt;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

/**
 * The transaction lost a race with another one and was rolled back: {@link RetriedTransactions} runs it again,
 * and when its retries run out this is the answer (503, nothing was changed, the client may re-send).
 */
public class TransactionConflictException extends ApiException {

    public TransactionConflictException(Throwable cause) {
        super(ProblemType.TRANSFER_CONTENTION, "Concurrent transactions kept conflicting with this one. Nothing was "
                + "changed; send the same request again after the Retry-After delay.", cause);
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.of(1);
    }
}
