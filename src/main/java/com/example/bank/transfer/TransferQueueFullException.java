package com.example.bank.transfer;

import java.util.OptionalInt;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

/**
 * The transfer's lane already has as many transfers waiting as it may ({@link TransferLanesConfig#queueMaxSize()}):
 * the database is not keeping up, or a row lock held elsewhere stalls the lane. Refusing at once, with nothing
 * done, beats queueing work that would run after the client has given up on it.
 */
public class TransferQueueFullException extends ApiException {

    TransferQueueFullException() {
        super(ProblemType.TRANSFER_QUEUE_FULL, "Too many transfers are waiting for the database. Nothing was "
                + "changed; send the same request again after the Retry-After delay.");
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.of(1);
    }
}
