package com.example.bank.transfer;

import com.example.bank.ledger.Transfer;
import com.example.bank.problem.ApiException;

/**
 * What a transfer request came to: a transfer, or the rule that refused it. {@code replayed} says that the
 * answer was recorded earlier for the same {@code Idempotency-Key} and nothing was done this time.
 */
public sealed interface TransferOutcome {

    boolean replayed();

    record Completed(Transfer transfer, boolean replayed) implements TransferOutcome {
    }

    record Rejected(ApiException rejection, boolean replayed) implements TransferOutcome {
    }
}
