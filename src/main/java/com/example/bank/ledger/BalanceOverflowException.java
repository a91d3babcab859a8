package com.example.bank.ledger;

import java.util.UUID;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class BalanceOverflowException extends ApiException {
    public BalanceOverflowException(UUID accountId) {
        super(ProblemType.BALANCE_OVERFLOW, "The balance of account " + accountId + " would exceed "
                + Long.MAX_VALUE + " minor units.");
    }
}
