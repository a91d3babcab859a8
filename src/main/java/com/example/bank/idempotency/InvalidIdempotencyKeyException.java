package com.example.bank.idempotency;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class InvalidIdempotencyKeyException extends ApiException {
    public InvalidIdempotencyKeyException() {
        super(ProblemType.INVALID_IDEMPOTENCY_KEY, "The " + IdempotencyKeyHeader.NAME + " header must be 1 to "
                + IdempotencyKeyHeader.MAX_LENGTH + " visible ASCII characters, such as a UUID.");
    }
}
