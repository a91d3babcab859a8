package com.example.bank.idempotency;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

/** A rejection answered again, as first answered, to a request re-sent with the same key. */
public class RecordedRejection extends ApiException {
    public RecordedRejection(ProblemType type, String detail) {
        super(type, detail);
    }
}
