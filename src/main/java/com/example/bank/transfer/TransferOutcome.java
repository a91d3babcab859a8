package com.example.bank.transfer;

import com.example.bank.ledger.Transfer;
import com.example.bank.problem.ApiException;

/**
 * What a transfer request came to: a transfer, or the rule that refused it. {@code replayed} says that the
 * answer was recorded earlier for the same {@code Idempotency-Key} and nothing was done this time.
 */
public record TransferOutcome(Transfer transfer, ApiException rejection, boolean replayed) {

    static TransferOutcome completed(Transfer transfer, boolean replayed) {
        return new TransferOutcome(transfer, null, replayed);
    }

    static TransferOutcome rejected(ApiException rejection, boolean replayed) {
        return new TransferOutcome(null, rejection, replayed);
    }
}
