package com.example.bank.ledger;

import java.util.UUID;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class SameAccountException extends ApiException {
    public SameAccountException(UUID accountId) {
        super(ProblemType.SAME_ACCOUNT, "Account " + accountId + " cannot transfer to itself.");
    }
}
