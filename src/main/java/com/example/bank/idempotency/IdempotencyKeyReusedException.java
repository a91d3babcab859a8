package com.example.bank.idempotency;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class IdempotencyKeyReusedException extends ApiException {
    public IdempotencyKeyReusedException() {
        super(ProblemType.IDEMPOTENCY_KEY_REUSED, "This " + IdempotencyKeyHeader.NAME
                + " was first sent with other accounts, amount or currency; use a new key for a new transfer.");
    }
}
