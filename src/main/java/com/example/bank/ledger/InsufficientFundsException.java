package com.example.bank.ledger;

import java.util.UUID;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class InsufficientFundsException extends ApiException {
    public InsufficientFundsException(UUID accountId) {
        super(ProblemType.INSUFFICIENT_FUNDS, "Account " + accountId + " does not hold enough money for this transfer.");
    }
}
