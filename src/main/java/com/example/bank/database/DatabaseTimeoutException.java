package com.example.bank.database;

import java.util.OptionalInt;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

/**
 * The database stopped a statement that waited or ran longer than {@link DatabaseSessionConfig} allows. The
 * transaction was rolled back; it is not retried, which would only wait again.
 */
public class DatabaseTimeoutException extends ApiException {

    public DatabaseTimeoutException(Throwable cause) {
        super(ProblemType.DATABASE_TIMEOUT, "The database did not answer in time: a lock held elsewhere or a slow "
                + "statement. Nothing was changed; send the same request again after the Retry-After delay.", cause);
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.of(1);
    }
}
