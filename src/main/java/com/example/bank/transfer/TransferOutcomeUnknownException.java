package com.example.bank.transfer;

import java.util.OptionalInt;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

/**
 * The commit may or may not have happened (the connection broke during it, or CockroachDB said the result is ambiguous).
 * With an idempotency key the client can simply re-send; without one only the ledger can tell.
 */
public class TransferOutcomeUnknownException extends ApiException {

    private final boolean safeToResend;

    private TransferOutcomeUnknownException(String detail, boolean safeToResend) {
        super(ProblemType.TRANSFER_OUTCOME_UNKNOWN, detail);
        this.safeToResend = safeToResend;
    }

    static TransferOutcomeUnknownException withoutKey(TransferRequest request) {
        return new TransferOutcomeUnknownException("The database did not confirm whether the transfer was "
                + "committed. Look for it in GET /accounts/" + request.fromAccountId() + "/transfers before "
                + "sending it again. Requests with an Idempotency-Key can always be re-sent safely.", false);
    }

    static TransferOutcomeUnknownException withKey() {
        return new TransferOutcomeUnknownException("The database did not confirm whether the transfer was "
                + "committed. Send the same request with the same Idempotency-Key again: it will be done once.", true);
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return safeToResend ? OptionalInt.of(1) : OptionalInt.empty();
    }
}
