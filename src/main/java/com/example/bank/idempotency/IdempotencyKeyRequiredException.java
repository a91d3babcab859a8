package com.example.bank.idempotency;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class IdempotencyKeyRequiredException extends ApiException {
    public IdempotencyKeyRequiredException() {
        super(ProblemType.IDEMPOTENCY_KEY_REQUIRED, "Send an " + IdempotencyKeyHeader.NAME
                + " header (a UUID generated before the first attempt) with every transfer.");
    }
}
