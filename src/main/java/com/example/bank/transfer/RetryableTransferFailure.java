package com.example.bank.transfer;

import java.util.function.Predicate;

import com.example.bank.database.SerializationFailure;
import com.example.bank.idempotency.KeyClaimedConcurrentlyException;

/** When {@link TransferRetry} runs the transaction again: the attempt lost a race that a new attempt can win or see. */
public class RetryableTransferFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return SerializationFailure.isCauseOf(failure) || failure instanceof KeyClaimedConcurrentlyException;
    }
}
