package com.example.bank.transfer;

import java.util.OptionalInt;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

/**
 * The transfer waited on its lane past its deadline ({@link TransferLanesConfig#deadline()}) without starting.
 * It is dropped, never run later: its client has likely given up, and one without a key that sends it again
 * would otherwise pay twice.
 */
public class TransferDeadlineExceededException extends ApiException {

    TransferDeadlineExceededException() {
        super(ProblemType.TRANSFER_DEADLINE_EXCEEDED, "The transfer waited too long for the database to start it. "
                + "Nothing was changed; send the same request again after the Retry-After delay.");
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.of(1);
    }
}
