package com.example.bank.database;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

/**
 * The database could not say whether the transaction committed ({@link TransactionFailure#AMBIGUOUS_COMMIT}).
 * Never retried blindly: it may have happened. Transfers resolve it from their idempotency key; anything else
 * answers it as is, and the client reads the ledger before sending the request again.
 */
public class AmbiguousCommitException extends ApiException {

    public AmbiguousCommitException(Throwable cause) {
        super(ProblemType.TRANSFER_OUTCOME_UNKNOWN, "The database did not confirm whether the change was committed. "
                + "Read the account's ledger before sending the request again.", cause);
    }
}
